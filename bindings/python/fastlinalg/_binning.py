"""Binning: digitize, bincount and group_by_bin (a stable counting sort by bin), as numpy's
digitize, bincount and argsort(kind="stable") define them, so that per-bin work can touch
only its own points::

    bins = fastlinalg.digitize(z, boundaries)              # which layer each point is in
    offsets, perm = fastlinalg.group_by_bin(bins, nbins)
    for b in range(nbins):
        idx = perm[offsets[b]:offsets[b + 1]]              # the points of layer b, in order
"""
import ctypes

import numpy as np

from . import _lib
from ._errors import InvalidArgumentError, Status
from ._factor import _raise

__all__ = ["digitize", "bincount", "group_by_bin"]

_c = ctypes
_P, _I64, _INT = _c.c_void_p, _c.c_int64, _c.c_int
for _name, _args in (("fl_digitize", [_INT, _I64, _P, _I64, _P, _INT, _P]),
                     ("fl_bincount", [_I64, _P, _I64, _P]),
                     ("fl_bincount_weighted", [_I64, _P, _INT, _P, _I64, _P]),
                     ("fl_group_by_bin", [_I64, _P, _I64, _P, _P])):
    _fn = getattr(_lib.lib, _name)
    _fn.restype = _INT
    _fn.argtypes = _args
_lib_ = _lib.lib


def _check(status):
    if status:
        _raise(status)


def _labels_array(labels):
    """labels as a contiguous int64 array; non-integer input is a TypeError, as numpy's."""
    labels = np.asarray(labels)
    if labels.size == 0:
        labels = labels.astype(np.int64)  # numpy accepts an empty float array too
    if labels.dtype.kind not in "iub":
        raise TypeError(f"fastlinalg: labels of dtype {labels.dtype} are not integers")
    if labels.ndim != 1:
        raise InvalidArgumentError(f"fastlinalg: labels must be 1-D, got shape {labels.shape}",
                                   Status.INVALID_ARGUMENT)
    return np.ascontiguousarray(labels, np.int64)


def digitize(x, edges, right=False):
    """numpy.digitize(x, edges, right): the index of the bin of each x, as int64 in x's shape.

    edges must be 1-D and monotone (increasing or decreasing, ties allowed), else
    InvalidArgumentError naming the first offending index; a NaN in x or edges is a
    NonFiniteError (numpy would put a NaN x past the last bin). float32 when both x and edges
    are float32, else float64.
    """
    x, edges = np.asarray(x), np.asarray(edges)
    if edges.ndim != 1:
        raise InvalidArgumentError(f"fastlinalg: edges must be 1-D, got shape {edges.shape}",
                                   Status.INVALID_ARGUMENT)
    for a, name in ((x, "x"), (edges, "edges")):
        if a.dtype.kind == "c":
            raise TypeError(f"fastlinalg: digitize: {name} is complex")
    dtype = np.float32 if x.dtype == np.float32 and edges.dtype == np.float32 else np.float64
    xc = np.ascontiguousarray(x, dtype)
    ec = np.ascontiguousarray(edges, dtype)
    bins = np.empty(x.shape, np.int64)
    _check(_lib_.fl_digitize(_lib.FLOAT32 if dtype is np.float32 else _lib.FLOAT64, xc.size,
                             xc.ctypes.data, ec.size, ec.ctypes.data, int(bool(right)),
                             bins.ctypes.data))
    return bins


def bincount(labels, weights=None, minlength=0):
    """numpy.bincount: counts (int64) or sums of weights (float64) of each label 0 .. nbins-1,
    nbins = max(max(labels) + 1, minlength). A negative label is an InvalidArgumentError
    naming it and its index."""
    labels = _labels_array(labels)
    minlength = int(minlength)
    if minlength < 0:
        raise InvalidArgumentError(f"fastlinalg: minlength = {minlength} is negative",
                                   Status.INVALID_ARGUMENT)
    nbins = max(int(labels.max()) + 1 if labels.size else 0, minlength)
    if weights is None:
        counts = np.empty(nbins, np.int64)
        _check(_lib_.fl_bincount(labels.size, labels.ctypes.data, nbins, counts.ctypes.data))
        return counts
    w = np.ascontiguousarray(weights, np.float64)
    if w.shape != labels.shape:
        raise InvalidArgumentError(f"fastlinalg: weights has shape {w.shape}, labels "
                                   f"{labels.shape}: they must match", Status.INVALID_ARGUMENT)
    sums = np.empty(nbins, np.float64)
    _check(_lib_.fl_bincount_weighted(labels.size, labels.ctypes.data, _lib.FLOAT64,
                                      w.ctypes.data, nbins, sums.ctypes.data))
    return sums


def group_by_bin(labels, nbins):
    """(offsets, perm): perm[offsets[b]:offsets[b + 1]] are the indices i with labels[i] == b
    in increasing order, i.e. perm == numpy.argsort(labels, kind="stable") and offsets the
    running counts (nbins + 1 values). Labels outside [0, nbins) are an InvalidArgumentError."""
    labels = _labels_array(labels)
    nbins = int(nbins)
    if nbins < 0:
        raise InvalidArgumentError(f"fastlinalg: nbins = {nbins} is negative",
                                   Status.INVALID_ARGUMENT)
    offsets = np.empty(nbins + 1, np.int64)
    perm = np.empty(labels.size, np.int64)
    _check(_lib_.fl_group_by_bin(labels.size, labels.ctypes.data, nbins, offsets.ctypes.data,
                                 perm.ctypes.data))
    return offsets, perm
