"""fastlinalg.mpi under mpirun (ctest runs it with -np 2): every answer checked against
numpy / scipy on every rank, and failures raised alike on every rank."""
import numpy as np
import pytest
import scipy.sparse as sp
from mpi4py import MPI

import fastlinalg
from fastlinalg import mpi as flm

COMM = MPI.COMM_WORLD
ROOT = COMM.rank == 0


@pytest.fixture
def ctx():
    with flm.Context(COMM) as context:
        yield context


def everywhere(x):
    return COMM.bcast(x, root=0)


def test_grid_and_layout(ctx):
    nprow, npcol, myrow, mycol = ctx.grid
    assert nprow * npcol == COMM.size
    a = np.arange(35.0).reshape(7, 5)
    m = flm.DistMatrix.from_global(ctx, a if ROOT else None, block=2)
    assert m.shape == (7, 5) and m.block == (2, 2)
    piece = m.get_local()
    rows = [i for i in range(7) if (i // 2) % nprow == myrow]
    cols = [j for j in range(5) if (j // 2) % npcol == mycol]
    np.testing.assert_array_equal(piece, a[np.ix_(rows, cols)])
    back = m.to_global()
    if ROOT:
        np.testing.assert_array_equal(back, a)
    else:
        assert back is None


def test_add_entries_from_every_rank(ctx):
    m = flm.DistMatrix(ctx, (4, 4), block=1)
    m.add_entries([COMM.rank % 4], [0], [1.0])
    total = everywhere(m.to_global())
    assert total[:, 0].sum() == COMM.size


@pytest.mark.parametrize("kind", ["lu", "cholesky", "eigh"])
def test_dense_factors_match_numpy(ctx, kind):
    rng = np.random.default_rng(3)
    n = 40
    g = rng.standard_normal((n, n))
    a = g @ g.T + n * np.eye(n)
    b = rng.standard_normal((n, 3))
    f = getattr(flm, kind)(flm.DistMatrix.from_global(ctx, a if ROOT else None, block=4))
    x = everywhere(f.solve(b if ROOT else None))
    np.testing.assert_allclose(x, np.linalg.solve(a, b), rtol=1e-10, atol=1e-12)
    sign, logabs = f.logdet()
    assert sign == 1.0 and logabs == pytest.approx(np.linalg.slogdet(a)[1], rel=1e-12)
    assert 0 < f.rcond() <= 1
    if kind == "eigh":
        np.testing.assert_allclose(f.eigenvalues, np.linalg.eigvalsh(a), rtol=1e-12)
        v = everywhere(f.eigenvectors().to_global())
        np.testing.assert_allclose(a @ v, v * f.eigenvalues, atol=1e-9)


def test_qr_least_squares_and_vector_rhs(ctx):
    rng = np.random.default_rng(4)
    a = rng.standard_normal((30, 12))
    b = rng.standard_normal(30)
    f = flm.qr(flm.DistMatrix.from_global(ctx, a if ROOT else None), overwrite_a=True)
    x = everywhere(f.solve(b if ROOT else None))
    np.testing.assert_allclose(x, np.linalg.lstsq(a, b, rcond=None)[0], rtol=1e-10)


def test_errors_are_raised_on_every_rank(ctx):
    a = np.ones((6, 6))
    m = flm.DistMatrix.from_global(ctx, a if ROOT else None, block=2)
    with pytest.raises(fastlinalg.SingularMatrixError, match=r"\[rank 0\]"):
        flm.lu(m)
    with pytest.raises(fastlinalg.NotPositiveDefiniteError):
        flm.cholesky(m)
    with pytest.raises(fastlinalg.InvalidArgumentError):
        flm.lu(flm.DistMatrix(ctx, (3, 4)))


def laplacian(m):
    t = sp.diags([-1, 2, -1], [-1, 0, 1], shape=(m, m))
    return (sp.kron(t, sp.eye(m)) + sp.kron(sp.eye(m), t)).tocsr()


@pytest.mark.parametrize("distributed", [False, True])
def test_sparse_factors_match_scipy(ctx, distributed):
    a = laplacian(12)
    n = a.shape[0]
    b = np.random.default_rng(5).standard_normal((n, 4))

    def share(matrix):
        if distributed:  # every rank passes the rows it owns
            coo = matrix.tocoo()
            keep = coo.row % COMM.size == COMM.rank
            return (coo.row[keep], coo.col[keep], coo.data[keep], n)
        return matrix if ROOT else None

    with flm.sparse_cholesky(ctx, share(a), distributed) as f:
        x = everywhere(f.solve(b if ROOT else None))
        np.testing.assert_allclose(a @ x, b, atol=1e-10)
        assert f.logdet()[1] == pytest.approx(np.linalg.slogdet(a.toarray())[1], rel=1e-10)
        assert f.inertia() == (n, 0, 0)
        f.refactor(share(2 * a)[2] if distributed else ((2 * a).tocoo().data if ROOT else None))
        np.testing.assert_allclose(everywhere(f.solve(b if ROOT else None)), x / 2, rtol=1e-10)
    shifted = (a - 3 * sp.eye(n)).tocsr()
    with flm.sparse_ldl(ctx, share(shifted), distributed) as f:
        w = np.linalg.eigvalsh(shifted.toarray())
        assert f.inertia() == ((w > 0).sum(), (w < 0).sum(), 0)
    general = (a + sp.diags([0.5], [1], shape=(n, n))).tocsr()
    with flm.sparse_lu(ctx, share(general), distributed) as f:
        x = everywhere(f.solve(b[:, 0] if ROOT else None))
        np.testing.assert_allclose(general @ x, b[:, 0], atol=1e-10)


@pytest.mark.parametrize("kind", ["lu", "cholesky", "eigh", "qr"])
def test_float32_dense_factors_stay_float32(ctx, kind):
    rng = np.random.default_rng(6)
    n = 40
    g = rng.standard_normal((n, n))
    a = (g @ g.T + n * np.eye(n)).astype(np.float32)
    b = rng.standard_normal((n, 2)).astype(np.float32)
    m = flm.DistMatrix.from_global(ctx, a if ROOT else None, block=4)
    assert m.dtype == np.float32 and m.get_local().dtype == np.float32
    f = getattr(flm, kind)(m)
    x = everywhere(f.solve(b if ROOT else None))
    assert x.dtype == np.float32
    reference = np.linalg.solve(a.astype(np.float64), b.astype(np.float64))
    np.testing.assert_allclose(x, reference, rtol=1e-4, atol=1e-5)
    if kind == "eigh":
        assert f.eigenvalues.dtype == np.float32
        np.testing.assert_allclose(f.eigenvalues, np.linalg.eigvalsh(a.astype(np.float64)), rtol=1e-5)
    if kind != "qr":
        assert f.logdet()[1] == pytest.approx(np.linalg.slogdet(a.astype(np.float64))[1], rel=1e-5)


@pytest.mark.parametrize("distributed", [False, True])
def test_float32_sparse_factors_use_smumps(ctx, distributed):
    a = laplacian(10).astype(np.float32)
    n = a.shape[0]
    b = np.random.default_rng(7).standard_normal((n, 3)).astype(np.float32)
    if distributed:
        coo = a.tocoo()
        keep = coo.row % COMM.size == COMM.rank
        share = (coo.row[keep], coo.col[keep], coo.data[keep], n)
    else:
        share = a if ROOT else None
    with flm.sparse_cholesky(ctx, share, distributed) as f:
        assert f.dtype == np.float32
        x = everywhere(f.solve(b if ROOT else None))
        assert x.dtype == np.float32
        residual = np.abs(a.astype(np.float64) @ x - b).max() / np.abs(b).max()
        assert residual < 1e-4
        assert f.logdet()[1] == pytest.approx(np.linalg.slogdet(a.toarray().astype(np.float64))[1], rel=1e-4)


@pytest.mark.parametrize("fmt", ["csr", "csc"])
def test_compressed_blocks_go_to_mumps_as_they_are(ctx, fmt):
    a = (laplacian(9) + sp.diags([0.3], [1], shape=(81, 81))).asformat(fmt)
    n = a.shape[0]
    b = np.random.default_rng(8).standard_normal(n)
    first, last = n * COMM.rank // COMM.size, n * (COMM.rank + 1) // COMM.size
    block = a[first:last, :] if fmt == "csr" else a[:, first:last]
    for share, distributed in [(a if ROOT else None, False), ((first, block.asformat(fmt)), True)]:
        with flm.sparse_lu(ctx, share, distributed) as f:
            x = everywhere(f.solve(b if ROOT else None))
            np.testing.assert_allclose(a @ x, b, atol=1e-10)
            f.refactor(3 * (share[1] if distributed else a).data if (distributed or ROOT) else None)
            np.testing.assert_allclose(everywhere(f.solve(b if ROOT else None)), x / 3, rtol=1e-9)
    bad = a.copy()
    bad.indices[0] = n + 5
    with pytest.raises(fastlinalg.InvalidArgumentError, match=r"idx\[0\] = " + str(n + 5)):
        flm.sparse_lu(ctx, bad if ROOT else None)


def test_right_hand_sides_distributed_by_rows(ctx):
    a = laplacian(8).tocsr()
    n = a.shape[0]
    b = np.random.default_rng(9).standard_normal((n, 2))
    rows = np.arange(COMM.rank, n, COMM.size)[::-1]  # any split, any order
    with flm.sparse_cholesky(ctx, a if ROOT else None) as f:
        x = f.solve_rows(rows, b[rows])
        np.testing.assert_allclose(x, np.linalg.solve(a.toarray(), b)[rows], rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(f.solve_rows(rows, b[rows, 0]), x[:, 0], rtol=1e-12)
        with pytest.raises(fastlinalg.InvalidArgumentError, match="rows of B together"):
            f.solve_rows(rows[1:] if ROOT else rows, b[rows[1:] if ROOT else rows])
