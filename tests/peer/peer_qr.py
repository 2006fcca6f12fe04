"""scipy's and numpy's QR parts from fastlinalg's Householder QR (geqrf), any shape."""
import numpy as np

import fastlinalg as fl
from peer_gap import PeerGap, require_dtype


def qr_parts(a, full, check_finite=True):
    """(Q, R) of the (m, n) matrix a: Q (m, m) and R (m, n) when full, else Q (m, k) and
    R (k, n), k = min(m, n). A wide a is factored as geqrf itself does it: the QR of its first
    m columns, then Q^H applied to the other columns (ormqr) gives the rest of R."""
    m, n = a.shape
    k = min(m, n)
    require_dtype(a, "qr", "qr")
    r = np.zeros((m if full else k, n), a.dtype)
    if k == 0:  # nothing to factor: Q is (part of) the identity
        return np.eye(m, m if full else 0, dtype=a.dtype), r
    try:
        f = fl.qr(a[:, :k], check_finite=check_finite)
    except fl.SingularMatrixError:
        raise PeerGap("QR of an exactly rank-deficient matrix") from None
    r[:k, :k] = f.R
    if n > k:
        r[:, k:] = f.apply_q(a[:, k:], trans="C")
    q = f.apply_q(np.eye(m, dtype=a.dtype)) if full and m > k else f.Q
    return q, r


def raw_qr(a, check_finite=True):
    """scipy's qr(a, mode='raw'): ((geqrf's m-by-n output, tau), R), from fastlinalg's QR
    where it gives its reflectors (Factor.raw, feat/parts). A wide a as in qr_parts: the
    reflectors of its first m columns, and Q^H times the other columns beside them."""
    if not hasattr(fl.Factor, "raw"):
        raise PeerGap("no QR reflectors and tau (mode='raw')")
    m, n = a.shape
    require_dtype(a, "qr", "qr")
    try:
        f = fl.qr(a[:, :min(m, n)], check_finite=check_finite)
    except fl.SingularMatrixError:
        raise PeerGap("QR of an exactly rank-deficient matrix") from None
    (packed, tau), r = f.raw()
    if n > m:
        packed = np.asfortranarray(np.hstack([packed, f.apply_q(a[:, m:], trans="C")]))
        r = np.triu(packed)
    return (packed, tau), r


def completed(u):
    """u (m, k) with orthonormal columns, completed to an m-by-m orthogonal (unitary) matrix
    [u, w] (svd's full_matrices=True): the columns k.. of the full Q of u's QR span the
    complement of u's columns."""
    m, k = u.shape
    if k == m:
        return u
    full = np.eye(m, dtype=u.dtype)
    if k:
        full = fl.qr(u).apply_q(full)
        full[:, :k] = u
    return full
