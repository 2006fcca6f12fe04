#!/usr/bin/env python3
"""Checks every ccall of the Julia package against the installed C header.

Julia cannot run on these machines, so a misspelt symbol or a wrong argument type in a
ccall would otherwise go unnoticed. For each `ccall((:fl_name, libfastlinalg), Ret, (T1,
..., Tn), args...)` in the package's sources this finds the prototype of fl_name in
fastlinalg.h and requires the same number of parameters, each C type mapped to the Julia
type(s) that pass it correctly, and the same for the return type. It also requires that
every header function is called somewhere, so the binding covers the whole C API.

    python3 check_ccalls.py HEADER JULIA_SRC_DIR
"""
import pathlib
import re
import sys

# C parameter type (whitespace-normalized, parameter name dropped) -> accepted Julia types.
ENUMS = ("fl_status", "fl_dtype", "fl_layout", "fl_transpose", "fl_triangle", "fl_option",
         "fl_factor_kind", "fl_factor_part", "fl_kernel_kind", "fl_metric",
         "fl_sparse_format", "fl_index_type", "fl_precision", "fl_storage", "fl_factor_info",
         "fl_fallback")
HANDLES = ("fl_factor", "fl_options", "fl_kernel", "fl_sparse", "fl_batch")
C_TO_JULIA = {"int": {"Cint"}, "int64_t": {"Int64"}, "double": {"Cdouble", "Float64"},
              "void *": {"Ptr{Cvoid}"}, "const void *": {"Ptr{Cvoid}"},
              "const double *": {"Ptr{Cdouble}", "Ptr{Float64}"},
              "double *": {"Ref{Cdouble}", "Ptr{Cdouble}", "Ref{Float64}", "Ptr{Float64}"},
              "int64_t *": {"Ref{Int64}", "Ptr{Int64}"}, "const int64_t *": {"Ptr{Int64}"},
              "int32_t *": {"Ptr{Int32}"},
              "const char *": {"Cstring"}, "void": {"Cvoid"}}
for e in ENUMS:
    C_TO_JULIA[e] = {"Cint"}
    C_TO_JULIA[e + " *"] = {"Ref{Cint}", "Ptr{Cint}"}  # an enum written back (fl_batch_describe)
for h in HANDLES:
    C_TO_JULIA[h + " *"] = {"Ptr{Cvoid}"}
    C_TO_JULIA["const " + h + " *"] = {"Ptr{Cvoid}"}
    C_TO_JULIA[h + " **"] = {"Ref{Ptr{Cvoid}}"}


def c_type(param):
    """'const fl_factor *factor' -> 'const fl_factor *'; 'int64_t rows' -> 'int64_t';
    'void' (an empty list) -> None."""
    param = " ".join(param.split())
    if param == "void":
        return None
    if "*" in param:
        return param[:param.index("*")].strip() + " " + "*" * param.count("*")
    return param.rsplit(None, 1)[0]


def header_prototypes(header_text):
    text = re.sub(r"/\*.*?\*/", " ", header_text, flags=re.S)
    protos = {}
    for m in re.finditer(r"FL_API\s+([^;(]*?)\b(fl_\w+)\s*\(([^)]*)\)\s*;", text):
        ret = " ".join(m.group(1).replace("*", " *").split())
        params = [c_type(p) for p in m.group(3).split(",")]
        protos[m.group(2)] = (ret, [p for p in params if p is not None])
    return protos


def split_top(s):
    """Splits s at the commas that are outside (), {} and []."""
    parts, depth, cur = [], 0, ""
    for ch in s:
        if ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def balanced(text, start):
    """The text of the parenthesized group opening at text[start] == '(' (without them)."""
    depth = 0
    for i in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return text[start + 1:i]
    raise ValueError("unbalanced parentheses")


def ccalls(source):
    for m in re.finditer(r"\bccall\(", source):
        inner = balanced(source, m.end() - 1)
        line = source.count("\n", 0, m.start()) + 1
        args = split_top(inner)
        target = re.fullmatch(r"\(:(\w+),\s*libfastlinalg\)", args[0])
        types = args[2]
        if not (types.startswith("(") and types.endswith(")")):
            yield line, target and target.group(1), args[1], None, len(args) - 3
            continue
        yield line, target and target.group(1), args[1], split_top(types[1:-1]), len(args) - 3


def main(header, src_dir):
    protos = header_prototypes(pathlib.Path(header).read_text())
    errors, called, count = [], set(), 0
    for path in sorted(pathlib.Path(src_dir).rglob("*.jl")):
        for line, name, ret, types, nargs in ccalls(path.read_text()):
            where = f"{path.name}:{line}"
            count += 1
            if name is None:
                errors.append(f"{where}: ccall target is not (:fl_name, libfastlinalg)")
                continue
            if name not in protos:
                errors.append(f"{where}: {name} is not declared in {header}")
                continue
            called.add(name)
            c_ret, c_params = protos[name]
            if types is None:
                errors.append(f"{where}: {name}: argument types are not a literal tuple")
                continue
            if ret not in C_TO_JULIA.get(c_ret, set()):
                errors.append(f"{where}: {name} returns {c_ret}, ccall says {ret}")
            if len(types) != len(c_params):
                errors.append(f"{where}: {name} takes {len(c_params)} arguments, ccall declares {len(types)}")
            elif nargs != len(types):
                errors.append(f"{where}: {name}: {len(types)} types but {nargs} values passed")
            for i, (jt, ct) in enumerate(zip(types, c_params)):
                if jt not in C_TO_JULIA.get(ct, set()):
                    errors.append(f"{where}: {name} argument {i + 1} is C '{ct}', ccall says {jt}")
    for name in sorted(set(protos) - called):
        errors.append(f"{name} is declared in the header but no ccall uses it")
    for e in errors:
        print("check_ccalls:", e)
    print(f"check_ccalls: {count} ccalls against {len(protos)} header functions, "
          f"{len(called)} covered, {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
