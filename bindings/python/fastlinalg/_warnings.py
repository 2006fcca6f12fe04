"""LinAlgWarning: scipy's, when scipy is importable (so one warnings filter serves both
libraries), else a RuntimeWarning subclass of our own with the same name and meaning.

Like scipy.linalg.solve, fastlinalg warns when A's reciprocal condition number is below the
machine epsilon of its dtype, since solutions may then have no correct digit. It warns once,
when an exactly solving factor (lu, cholesky, ldlt, or one factorize() chose) is built, as
scipy.linalg.lu_factor warns at factorization time, not at every solve of the factor: the
estimate (LAPACK's gecon/pocon/sycon, O(n^2)) is the factor's rcond(). The least-squares and
pseudo-inverse kinds (qr, cod, svd, eigh) do not warn: their rank tolerance is the answer to
ill-conditioning there, as scipy.linalg.lstsq does not warn either.
"""
import warnings

import numpy as np

try:
    from scipy.linalg import LinAlgWarning
except ImportError:  # pragma: no cover - depends on the environment
    class LinAlgWarning(RuntimeWarning):
        """The matrix is so ill-conditioned that results may not be accurate (the name and
        meaning of scipy.linalg.LinAlgWarning, for environments without scipy)."""

__all__ = ["LinAlgWarning"]


def warn_if_ill_conditioned(rcond, dtype, stacklevel):
    """Warns LinAlgWarning when rcond is below dtype's machine epsilon, with scipy's words."""
    if rcond < np.finfo(dtype).eps:
        warnings.warn(f"Ill-conditioned matrix (rcond={rcond:.6g}): result may not be accurate.",
                      LinAlgWarning, stacklevel=stacklevel + 1)
