"""Factors as bytes: pickling, and save/load to a file, through the library's own checked
format (fl_factor_serialize / fl_factor_deserialize; docs/save_load.md).

The bytes hold the factorization itself, not A: loading never refactors, so a factor that
took minutes to build comes back in the time it takes to read it. Every dense kind can be
saved; a sparse factor raises UnsupportedError (pickle included). Loading checks the whole
buffer (magic, format version, byte order, size, checksum, every field) and raises
InvalidArgumentError (truncated, corrupted, not a factor) or UnsupportedError (another
format version or byte order), naming what is wrong.
"""
import ctypes
import os

import numpy as np

from . import _lib
from ._factor import _raise, _wrap

__all__ = ["from_bytes", "load"]

_lib_ = _lib.lib
_DTYPES = {_lib.FLOAT32: np.dtype(np.float32), _lib.FLOAT64: np.dtype(np.float64)}


def to_bytes(factor):
    """The serialized form of factor, as bytes."""
    h = factor._handle()
    size = ctypes.c_int64()
    status = _lib_.fl_factor_serialized_size(h, ctypes.byref(size))
    if status:
        _raise(status)
    buffer = ctypes.create_string_buffer(size.value)
    status = _lib_.fl_factor_serialize(h, buffer, size.value)
    if status:
        _raise(status)
    return buffer.raw


def from_bytes(data):
    """A Factor rebuilt from what Factor.to_bytes() (or fl_factor_serialize) wrote: any
    bytes-like object."""
    if type(data) is not bytes:  # bytes are passed where they lie; other buffers are copied
        data = memoryview(data).cast("B").tobytes()
    h = ctypes.c_void_p()
    status = _lib_.fl_factor_deserialize(ctypes.byref(h), data, len(data))
    if status:
        _raise(status)
    code = _lib_.fl_factor_get_dtype(h.value)
    return _wrap(h.value, _lib_.fl_factor_get_kind(h.value), _DTYPES[code], code,
                 _lib_.fl_factor_rows(h.value), _lib_.fl_factor_cols(h.value))


def save(factor, path):
    """Writes factor's serialized form to path (a str or os.PathLike), replacing the file."""
    data = to_bytes(factor)
    with open(os.fspath(path), "wb") as f:
        f.write(data)


def load(path):
    """The Factor saved in the file at path by Factor.save()."""
    with open(os.fspath(path), "rb") as f:
        return from_bytes(f.read())
