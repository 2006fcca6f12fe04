"""Factors as bytes: to_bytes/from_bytes, save/load, pickle (also across processes), the
errors of bad buffers; and LinAlgWarning for ill-conditioned exactly solving factors."""
import multiprocessing
import pickle
import warnings

import numpy as np
import pytest

import fastlinalg
from helpers import DTYPES, scaled_residual, spd, sym_indefinite, tall, well_conditioned

BUILDERS = [
    ("lu", lambda d: fastlinalg.lu(well_conditioned(6, d))),
    ("cholesky", lambda d: fastlinalg.cholesky(spd(6, d, order="F"))),
    ("ldlt", lambda d: fastlinalg.ldlt(sym_indefinite(6, d))),
    ("qr", lambda d: fastlinalg.qr(tall(9, 4, d))),
    ("cod", lambda d: fastlinalg.cod(tall(9, 4, d).T)),
    ("svd", lambda d: fastlinalg.svd(tall(9, 4, d), rtol=1e-3)),
    ("eigh", lambda d: fastlinalg.eigh(sym_indefinite(6, d), atol=1e-6)),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name,build", BUILDERS, ids=[b[0] for b in BUILDERS])
def test_every_dense_kind_round_trips_bit_for_bit(name, build, dtype, tmp_path):
    f = build(dtype)
    b = np.random.default_rng(1).standard_normal((f.shape[0], 3)).astype(dtype)
    data = f.to_bytes()
    assert isinstance(data, bytes) and data[:8] == b"FLFACTOR"
    f.save(tmp_path / "f.flf")
    for g in (fastlinalg.from_bytes(data), pickle.loads(pickle.dumps(f)),
              fastlinalg.load(tmp_path / "f.flf"), fastlinalg.from_bytes(bytearray(data))):
        assert (g.kind, g.shape, g.dtype) == (name, f.shape, f.dtype)
        np.testing.assert_array_equal(g.solve(b), f.solve(b))
        assert g.rcond() == f.rcond()
        assert g.to_bytes() == data


def test_loaded_factor_solves_accurately():
    a = well_conditioned(40, np.float64, seed=3)
    b = np.random.default_rng(4).standard_normal((40, 5))
    g = fastlinalg.from_bytes(fastlinalg.lu(a).to_bytes())
    assert scaled_residual(a, g.solve(b), b) < 30


def _solve_in_child(f, b):
    return f.solve(b)


def test_pickle_crosses_processes():
    f = fastlinalg.cholesky(spd(30, np.float64))
    b = np.ones((30, 2))
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        x = pool.apply(_solve_in_child, (f, b))
    np.testing.assert_array_equal(x, f.solve(b))


def test_bad_buffers_raise_named_errors():
    data = fastlinalg.lu(well_conditioned(3, np.float64)).to_bytes()
    for cut in (0, 7, 56, len(data) - 1):
        with pytest.raises(fastlinalg.InvalidArgumentError, match="fl_factor_deserialize"):
            fastlinalg.from_bytes(data[:cut])
    corrupted = bytearray(data)
    corrupted[60] ^= 0x40
    with pytest.raises(fastlinalg.InvalidArgumentError, match="checksum"):
        fastlinalg.from_bytes(corrupted)
    with pytest.raises(fastlinalg.InvalidArgumentError, match="FLFACTOR"):
        fastlinalg.from_bytes(b"x" * 100)
    newer = bytearray(data)
    newer[8] = 2
    with pytest.raises(fastlinalg.UnsupportedError, match="format version 2"):
        fastlinalg.from_bytes(newer)
    with pytest.raises(TypeError):
        fastlinalg.from_bytes(12)


def test_closed_and_sparse_factors_do_not_pickle():
    f = fastlinalg.lu(well_conditioned(3, np.float64))
    f.close()
    with pytest.raises(fastlinalg.InvalidArgumentError, match="closed"):
        pickle.dumps(f)
    import scipy.sparse
    s = fastlinalg.sparse_lu(scipy.sparse.csc_matrix(well_conditioned(4, np.float64)))
    with pytest.raises(fastlinalg.UnsupportedError, match="serialized form"):
        pickle.dumps(s)


def test_linalg_warning_is_scipys():
    import scipy.linalg
    assert fastlinalg.LinAlgWarning is scipy.linalg.LinAlgWarning
    assert issubclass(fastlinalg.LinAlgWarning, RuntimeWarning)


@pytest.mark.parametrize("dtype", DTYPES)
def test_ill_conditioned_square_factors_warn_once_at_factorization(dtype):
    n = 12 if dtype == np.float64 else 6
    i = np.arange(n)
    hilbert = (1.0 / (i[:, None] + i[None, :] + 1)).astype(dtype)
    for build in (fastlinalg.lu, fastlinalg.cholesky, fastlinalg.ldlt, fastlinalg.factorize):
        with pytest.warns(fastlinalg.LinAlgWarning, match=r"Ill-conditioned matrix \(rcond=") as rec:
            f = build(hilbert)
        assert rec[0].filename == __file__  # points at the caller's line
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            f.solve(np.ones(n, dtype))  # solves do not warn again
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fastlinalg.lu(well_conditioned(n, dtype))
        fastlinalg.svd(hilbert)  # rank-revealing kinds never warn
        fastlinalg.qr(hilbert)
