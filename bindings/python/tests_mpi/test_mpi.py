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
