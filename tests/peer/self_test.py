"""ctest peer.self_test: run_peer.py must fail, and say why, when fastlinalg gives a wrong
answer or crashes. It runs scipy's det and inv tests against a fastlinalg whose det is off
(every det is 42) and whose inv aborts the process, and checks the runner's exit status and
its FAIL and CRASH lines.

    python3 tests/peer/self_test.py --library build/src/libfastlinalg.so.0
"""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# A package named fastlinalg that loads the real one in its place, then breaks two methods.
SABOTAGED = '''import importlib.util, os, sys
real = {real!r}
spec = importlib.util.spec_from_file_location(
    "fastlinalg", os.path.join(real, "fastlinalg", "__init__.py"),
    submodule_search_locations=[os.path.join(real, "fastlinalg")])
module = importlib.util.module_from_spec(spec)
sys.modules["fastlinalg"] = module
spec.loader.exec_module(module)
module.Factor.det = lambda self: 42.0
module.Factor.inv = lambda self, order="C": os.abort()
'''

TESTS = "scipy/linalg/tests/test_basic.py::"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        os.mkdir(os.path.join(scratch, "fastlinalg"))
        with open(os.path.join(scratch, "fastlinalg", "__init__.py"), "w") as f:
            f.write(SABOTAGED.format(real=os.path.join(REPO, "bindings", "python")))
        proc = subprocess.run(
            [sys.executable, os.path.join(HERE, "run_peer.py"), "scipy", "--library",
             args.library, "--package", scratch, "--timeout", "120",
             "--only", TESTS + "TestDet::test_simple", "--only", TESTS + "TestInv::test_simple"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    out = proc.stdout.decode("utf-8", "replace")
    expected = {"exit status 1": proc.returncode == 1,
                "FAIL: ...TestDet::test_simple": f"FAIL: {TESTS}TestDet::test_simple:" in out,
                "CRASH in ...TestInv::test_simple":
                    f"CRASH (or timeout) in {TESTS}TestInv::test_simple" in out}
    missing = [what for what, seen in expected.items() if not seen]
    if missing:
        print(out)
        print("peer.self_test: the runner did not report: " + ", ".join(missing))
        return 1
    print("peer.self_test: a wrong det is a FAIL, an abort in inv a CRASH, exit status 1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
