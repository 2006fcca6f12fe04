#!/usr/bin/env python3
"""Extracts every fenced code block of README.md, docs/*.md and bindings/*/README.md and runs
it, so that the documentation cannot drift from the code. Registered with ctest as
`docs.code_blocks`; the convention it enforces is in docs/design.md ("Code blocks in the
docs"):

  ```c / ```cpp     compiled against the build (-Wall -Werror); run if it has a main(),
                    else compiled only (-fsyntax-only)
  ```python         run with the built package (PYTHONPATH + FASTLINALG_LIBRARY)
  ```sh             bash -n, and every repository path it names must exist; with the
                    word `run` after sh (```sh run) it is also run, from the repository root
  ```go / ```rust   parsed by gofmt / rustfmt when they are installed (fragments are wrapped
                    in a function first)
  ```julia          no Julia here: brackets and block keywords must balance
  ```text, ```console, ```output
                    deliberately not runnable: printed output, listings, diagrams
A fence without an info string is an error: say what the block is.

usage: run_doc_blocks.py --repo DIR --library LIB --python PY [--cc CC] [--cxx CXX] [FILE...]
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

NOT_RUNNABLE = {"text", "console", "output"}
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+)(?P<info>.*)$")
# Repository paths that sh blocks may name: they must exist (build outputs excepted).
REPO_PATH = re.compile(r"(?<![\w./$-])((?:\.ci|bench|bindings|cmake|demo|docs|examples|include|src|tests)"
                       r"/[\w./-]*\w)")


def blocks(path):
    """(line number, info words, code) of every fenced block in a Markdown file."""
    out, lines, i = [], open(path, encoding="utf-8").read().split("\n"), 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = m.group("indent"), m.group("fence"), m.group("info").strip()
        start, body = i + 1, []
        i += 1
        while i < len(lines) and lines[i].strip() != fence:
            line = lines[i]
            body.append(line[len(indent):] if line.startswith(indent) else line.lstrip())
            i += 1
        if i == len(lines):
            raise SystemExit(f"{path}:{start}: unterminated code fence")
        out.append((start, info.split(), "\n".join(body) + "\n"))
        i += 1
    return out


class Runner:
    def __init__(self, args):
        self.repo = os.path.abspath(args.repo)
        self.library = os.path.abspath(args.library)
        self.libdir = os.path.dirname(self.library)
        self.python, self.cc, self.cxx = args.python, args.cc, args.cxx
        self.tmp = tempfile.mkdtemp(prefix="fl-doc-blocks-")
        self.env = dict(os.environ, PYTHONPATH=os.path.join(self.repo, "bindings", "python"),
                        FASTLINALG_LIBRARY=self.library, PYTHONDONTWRITEBYTECODE="1",
                        MPLBACKEND="Agg")
        self.skipped = {}
        # fastlinalg.mpi blocks run only where this build made libfastlinalg_mpi.
        self.mpi_library = os.path.abspath(args.mpi_library) if args.mpi_library else None
        if self.mpi_library:
            self.env.update(FASTLINALG_MPI_LIBRARY=self.mpi_library, OMPI_ALLOW_RUN_AS_ROOT="1",
                            OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")

    def sh(self, cmd, where, **kw):
        proc = subprocess.run(cmd, cwd=kw.pop("cwd", self.tmp), env=self.env, capture_output=True,
                              text=True, timeout=kw.pop("timeout", 300), **kw)
        if proc.returncode != 0:
            raise AssertionError(f"{where}: `{' '.join(cmd)}` exited {proc.returncode}\n"
                                 f"{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
        return proc.stdout

    def write(self, name, code):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(code)
        return path

    def c_family(self, code, where, lang):
        compiler, ext, std = ((self.cc, "c", "-std=c99") if lang == "c"
                              else (self.cxx, "cpp", "-std=c++17"))
        src = self.write(f"block.{ext}", code)
        flags = [compiler, std, "-Wall", "-Wextra", "-Werror", "-I", os.path.join(self.repo, "include")]
        if not re.search(r"\bmain\s*\(", code):
            self.sh(flags + ["-fsyntax-only", src], where)
            return
        exe = os.path.join(self.tmp, "block")
        self.sh(flags + [src, "-o", exe, "-L", self.libdir, f"-Wl,-rpath,{self.libdir}",
                         "-lfastlinalg", "-lm"], where)
        self.sh([exe], where, timeout=120)

    def python_block(self, code, where):
        if re.search(r"fastlinalg(\.mpi\b| import mpi\b)", code) and not self.mpi_library:
            self.skipped["fastlinalg.mpi (no libfastlinalg_mpi in this build)"] = (
                self.skipped.get("fastlinalg.mpi (no libfastlinalg_mpi in this build)", 0) + 1)
            return
        self.sh([self.python, self.write("block.py", code)], where)

    def sh_block(self, code, where, info):
        self.sh(["bash", "-n", self.write("block.sh", code)], where)
        for path in REPO_PATH.findall(code):
            if not os.path.exists(os.path.join(self.repo, path)):
                raise AssertionError(f"{where}: names {path}, which is not in the repository")
        if "run" in info[1:]:
            self.sh(["bash", "-euo", "pipefail", self.write("block.sh", code)], where, cwd=self.repo)

    def tool_check(self, tool, code, where, wrap):
        exe = shutil.which(tool)
        if not exe:
            self.skipped[tool] = self.skipped.get(tool, 0) + 1
            return
        src = self.write("block." + ("go" if tool == "gofmt" else "rs"), wrap(code))
        self.sh([exe, "-e", src] if tool == "gofmt" else [exe, "--edition", "2021", "--emit", "stdout", src], where)

    @staticmethod
    def go_wrap(code):
        if re.search(r"^package\s", code, re.M):
            return code
        return "package p\n\nfunc _() {\n" + code + "}\n"

    @staticmethod
    def rust_wrap(code):
        if re.search(r"^\s*(fn|use|pub|mod|struct|impl)\b", code, re.M):
            return code
        return "fn _block() {\n" + code + "}\n"

    @staticmethod
    def julia_shape(code, where):
        stripped = re.sub(r'#.*$|"(?:\\.|[^"\\])*"', "", code, flags=re.M)
        for open_, close in ("()", "[]", "{}"):
            if stripped.count(open_) != stripped.count(close):
                raise AssertionError(f"{where}: unbalanced {open_}{close} in a Julia block")
        opens = len(re.findall(r"\b(function|if|for|while|begin|let|do|struct|module|try|quote|macro)\b",
                               stripped))
        # one-line `x -> ...` and short-form `f(x) = ...` open nothing
        ends = len(re.findall(r"\bend\b", stripped))
        if opens != ends:
            raise AssertionError(f"{where}: {opens} Julia blocks opened, {ends} `end`s")

    def run(self, path, line, info, code):
        where = f"{os.path.relpath(path, self.repo)}:{line}"
        if not info:
            raise AssertionError(f"{where}: a code fence without an info string: label it "
                                 "(```c, ```python, ```sh, ... or ```text for output and listings)")
        lang = info[0]
        if lang in NOT_RUNNABLE:
            return "not run"
        if lang in ("c", "cpp"):
            self.c_family(code, where, lang)
        elif lang == "python":
            self.python_block(code, where)
        elif lang == "sh":
            self.sh_block(code, where, info)
        elif lang == "go":
            self.tool_check("gofmt", code, where, self.go_wrap)
        elif lang == "rust":
            self.tool_check("rustfmt", code, where, self.rust_wrap)
        elif lang == "julia":
            self.julia_shape(code, where)
        else:
            raise AssertionError(f"{where}: unknown block language {lang!r} (see docs/design.md)")
        return lang


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repo", required=True)
    ap.add_argument("--library", required=True)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--cc", default="cc")
    ap.add_argument("--cxx", default="c++")
    ap.add_argument("--mpi-library", help="libfastlinalg_mpi, for the fastlinalg.mpi blocks")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    runner = Runner(args)
    files = args.files or sorted(
        [os.path.join(args.repo, "README.md")] + glob.glob(os.path.join(args.repo, "docs", "*.md"))
        + glob.glob(os.path.join(args.repo, "bindings", "*", "README.md")))
    failures, counts = [], {}
    try:
        for path in files:
            for line, info, code in blocks(path):
                try:
                    kind = runner.run(path, line, info, code)
                    counts[kind] = counts.get(kind, 0) + 1
                except (AssertionError, subprocess.TimeoutExpired) as exc:
                    failures.append(str(exc))
    finally:
        shutil.rmtree(runner.tmp, ignore_errors=True)
    print("code blocks checked:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    for tool, n in runner.skipped.items():
        print(f"note: {tool} is not installed: {n} block(s) only extracted")
    for failure in failures:
        print("FAILED", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
