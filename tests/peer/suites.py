"""Which of Debian's shipped peer tests run through the adapters: the tests of solve, inv,
det, slogdet, lstsq, pinv, pinvh, lu/lu_factor/lu_solve, cholesky/cho_factor/cho_solve, ldl,
svd, eigh/eigvalsh and qr. An entry names, relative to dist-packages, a file, a class, or a test
function or method: it selects that node and everything under it (parametrized variants
included)."""

import os

SCIPY = "scipy/linalg/tests/"
NUMPY = "numpy/linalg/tests/"

SUITES = {
    "scipy": {
        "files": [SCIPY + f for f in ("test_basic.py", "test_decomp.py",
                                      "test_decomp_cholesky.py", "test_decomp_ldl.py")],
        "select": [SCIPY + "test_basic.py::" + name for name in (
            "TestSolve", "TestInv", "TestDet", "TestLstsq", "TestPinv",
            "TestPinvSymmetric", "test_auto_rcond", "TestOverwrite::test_solve",
            "TestOverwrite::test_inv", "TestOverwrite::test_det", "TestOverwrite::test_lstsq",
            "TestOverwrite::test_pinv")]
        + [SCIPY + "test_decomp.py::" + name for name in (
            "TestEigh", "TestLU", "TestLUSingle", "TestLUSolve", "TestSVD_GESDD",
            "TestSVD_GESVD", "TestQR", "TestOverwrite::test_eigh",
            "TestOverwrite::test_eigvalsh", "TestOverwrite::test_lu",
            "TestOverwrite::test_lu_factor",
            "TestOverwrite::test_lu_solve", "TestOverwrite::test_qr",
            "TestOverwrite::test_svd")]
        + [SCIPY + "test_decomp_cholesky.py::" + name for name in (
            "TestCholesky", "TestOverwrite::test_cholesky", "TestOverwrite::test_cho_factor",
            "TestOverwrite::test_cho_solve", "TestEmptyArray")]
        + [SCIPY + "test_decomp_ldl.py"],
        # the names the adapter replaces in scipy.linalg
        "functions": ["solve", "inv", "det", "lstsq", "pinv", "pinvh", "lu", "lu_factor",
                      "lu_solve", "cholesky", "cho_factor", "cho_solve", "ldl", "svd", "eigh",
                      "eigvalsh", "qr"],
    },
    "numpy": {
        "files": [NUMPY + "test_linalg.py", NUMPY + "test_regression.py"],
        "select": [NUMPY + "test_linalg.py::" + name for name in (
            "TestSolve", "TestInv", "TestSVD", "TestSVDHermitian", "TestPinv",
            "TestPinvHermitian", "TestDet", "TestLstsq", "TestEigvalshCases",
            "TestEigvalsh", "TestEighCases", "TestEigh", "TestQR", "TestCholesky",
            "test_byteorder_check", "test_generalized_raise_multiloop",
            "test_unsupported_commontype")]
        + [NUMPY + "test_regression.py::TestRegression::" + name for name in (
            "test_eigh_build", "test_svd_build", "test_lapack_endian", "test_large_svd_32bit",
            "test_svd_no_uv", "test_lstsq_complex_larger_rhs")],
        "functions": ["solve", "inv", "det", "slogdet", "lstsq", "pinv", "cholesky", "eigh",
                      "eigvalsh", "svd", "qr"],
    },
}


KNOWN_FAILURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "known_failures.txt")


def known_failures(path=KNOWN_FAILURES):
    """{node id: reason} from known_failures.txt ("node id  # reason" lines)."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#"):
                nodeid, _, reason = line.partition("#")
                out[nodeid.strip()] = reason.strip()
    return out
