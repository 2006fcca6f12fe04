"""Which file a ctypes-loaded library really is, for fastlinalg.library_path().

ctypes remembers only the name it was given ("libfastlinalg.so.0" when the dynamic loader
searched for it); dladdr() on one of the library's own functions asks the loader which file
it mapped, and realpath() follows the SONAME symlinks to the file itself.
"""
import ctypes
import os


class _DlInfo(ctypes.Structure):
    _fields_ = [("dli_fname", ctypes.c_char_p), ("dli_fbase", ctypes.c_void_p),
                ("dli_sname", ctypes.c_char_p), ("dli_saddr", ctypes.c_void_p)]


def loaded_file(cdll, symbol):
    """The real path of the file that defines cdll.<symbol>, or cdll's own name if the
    platform has no dladdr."""
    try:
        dladdr = ctypes.CDLL(None).dladdr
    except (AttributeError, OSError):
        return cdll._name
    dladdr.argtypes = [ctypes.c_void_p, ctypes.POINTER(_DlInfo)]
    dladdr.restype = ctypes.c_int
    info = _DlInfo()
    address = ctypes.cast(getattr(cdll, symbol), ctypes.c_void_p)
    if dladdr(address, ctypes.byref(info)) == 0 or not info.dli_fname:
        return cdll._name
    return os.path.realpath(os.fsdecode(info.dli_fname))
