"""The ctypes prototypes and enum values of the package against include/fastlinalg/fastlinalg.h.

Both are written by hand (argtypes in _lib.py and beside their callers, the enums in _lib.py
and _errors.py); this test parses the header (with the parser of the Julia binding's
check_ccalls.py, so the header has one parser) and requires: every header function declared;
the same number of arguments, each ctypes type one that passes its C type; the same return
type; and every enumerator of the header's enums equal to the package's constant of that name.
"""
import ctypes
import importlib.util
import pathlib
import re

import pytest

import fastlinalg  # noqa: F401  (every module declares its functions on import)
from fastlinalg import _lib
from fastlinalg._errors import Status

REPO = pathlib.Path(__file__).resolve().parents[3]
HEADER = REPO / "include" / "fastlinalg" / "fastlinalg.h"
PARSER = REPO / "bindings" / "julia" / "tools" / "check_ccalls.py"

if not HEADER.exists() or not PARSER.exists():  # an installed package without the source tree
    pytest.skip(f"needs the source tree ({HEADER})", allow_module_level=True)


def _parser():
    spec = importlib.util.spec_from_file_location("check_ccalls", PARSER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_ccalls = _parser()
TEXT = HEADER.read_text()
PROTOTYPES = check_ccalls.header_prototypes(TEXT)

_PTR = ctypes.c_void_p
# C type -> the ctypes types that pass it.
C_TO_CTYPES = {"int": {ctypes.c_int}, "int64_t": {ctypes.c_int64}, "double": {ctypes.c_double},
               "void *": {_PTR}, "const void *": {_PTR}, "const double *": {_PTR},
               "double *": {ctypes.POINTER(ctypes.c_double), _PTR},
               "int64_t *": {ctypes.POINTER(ctypes.c_int64), _PTR},
               "const int64_t *": {_PTR}, "int32_t *": {ctypes.POINTER(ctypes.c_int32), _PTR},
               "const char *": {ctypes.c_char_p}, "void": {None}}
for enum in check_ccalls.ENUMS:
    C_TO_CTYPES[enum] = {ctypes.c_int}
    C_TO_CTYPES[enum + " *"] = {ctypes.POINTER(ctypes.c_int), _PTR}
for handle in check_ccalls.HANDLES:
    C_TO_CTYPES[handle + " *"] = {_PTR}
    C_TO_CTYPES["const " + handle + " *"] = {_PTR}
    C_TO_CTYPES[handle + " **"] = {ctypes.POINTER(_PTR)}


def declared(name):
    """(restype, argtypes) the package set on the library's function `name`: ctypes keeps one
    function object per name, whichever module (_lib.py, _binning.py, ...) declared it."""
    fn = getattr(_lib.lib, name)
    return fn.restype, fn.argtypes


def test_every_header_function_is_declared():
    undeclared = [name for name in sorted(PROTOTYPES) if declared(name)[1] is None]
    assert undeclared == [], "header functions the package never declares (argtypes unset)"


@pytest.mark.parametrize("name", sorted(PROTOTYPES))
def test_prototype_matches_the_header(name):
    restype, argtypes = declared(name)
    c_ret, c_params = PROTOTYPES[name]
    if argtypes is None:
        pytest.skip("not declared (reported by test_every_header_function_is_declared)")
    assert restype in C_TO_CTYPES[c_ret], f"{name} returns {c_ret}, the package says {restype}"
    assert len(argtypes) == len(c_params), f"{name} takes {len(c_params)} arguments"
    for i, (ours, c) in enumerate(zip(argtypes, c_params)):
        assert ours in C_TO_CTYPES[c], f"{name} argument {i + 1} is C '{c}', the package says {ours}"


def test_lib_declares_only_header_functions():
    assert sorted({p[0] for p in _lib._PROTOTYPES} - set(PROTOTYPES)) == []


def header_enums():
    """{enum type: {ENUMERATOR: value}} from every typedef enum of the header."""
    text = re.sub(r"/\*.*?\*/", " ", TEXT, flags=re.S)
    enums = {}
    for m in re.finditer(r"typedef enum (fl_\w+) FL_ENUM_TYPE \{(.*?)\}", text, flags=re.S):
        values = dict(re.findall(r"(FL_\w+)\s*=\s*(\d+)", m.group(2)))
        enums[m.group(1)] = {k: int(v) for k, v in values.items()}
    return enums


def test_enum_values_match_the_header():
    enums = header_enums()
    assert set(enums) >= {"fl_status", "fl_dtype", "fl_factor_kind", "fl_factor_part"}
    problems = []
    for enum, values in enums.items():
        for name, value in values.items():
            if enum == "fl_status":
                ours = Status[name[len("FL_ERR_"):] if name != "FL_OK" else "OK"]
            else:
                ours = getattr(_lib, name[len("FL_"):], None)
            if ours != value:
                problems.append(f"{enum} {name} = {value} in the header, {ours} in the package")
    assert problems == []
    assert len(Status) == len(enums["fl_status"]), "Status has values the header lacks"
