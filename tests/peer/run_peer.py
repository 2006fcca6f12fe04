"""Runs one peer's own linalg tests (scipy or numpy, as the interpreter ships them) against
fastlinalg through the adapters, and prints pass / gap (by reason) / fail counts.

    python3 tests/peer/run_peer.py scipy --library build/src/libfastlinalg.so.0

The suite runs in a child pytest (peer_plugin), so a crash is caught and named. Exit status:
0 when no test gave a wrong answer, crashed or unexpectedly passed a known failure; 1
otherwise (or when nothing was selected: the selection would be stale).
"""
import argparse
import collections
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from suites import SUITES, known_failures  # noqa: E402  (the plugin's own selection)


def site_packages(package):
    """The directory holding `package` for this interpreter (dist-packages for Debian's)."""
    spec = importlib.util.find_spec(package)
    if spec is None:
        sys.exit(f"run_peer: {sys.executable} has no {package}")
    return os.path.dirname(os.path.dirname(spec.origin))


def _pytest(suite, env, only, deselect, timeout):
    """One child pytest over the suite, or over the node ids `only` of it: (exit status, None
    on timeout; its output)."""
    root = site_packages(suite)
    command = [sys.executable, "-m", "pytest", "-c", os.path.join(HERE, "pytest.ini"),
               "--rootdir", root, "--noconftest", "-p", "peer_plugin", "-q", "--tb=short"]
    command += [f"--deselect={nodeid}" for nodeid in deselect] + (only or SUITES[suite]["files"])
    try:
        proc = subprocess.run(command, cwd=root, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=max(timeout, 1), check=False)
        return proc.returncode, proc.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as exc:
        return None, (exc.stdout or b"").decode("utf-8", "replace")


def run_suite(suite, library, package, timeout, only=(), max_crashes=5):
    """(pytest's last exit status or None on timeout, results by node id, the tests that
    crashed, pytest's output). After a crash the suite runs again without the crashed test,
    so that one crash does not hide the other tests' outcomes."""
    env = dict(os.environ, PEER_SUITE=suite, FASTLINALG_LIBRARY=library,
               PYTHONDONTWRITEBYTECODE="1",
               PYTHONPATH=os.pathsep.join([HERE, package]))
    deadline = time.monotonic() + timeout
    results, crashed = {}, []
    with tempfile.TemporaryDirectory() as scratch:
        env["PEER_RESULTS"] = results_path = os.path.join(scratch, "results.jsonl")
        while True:
            open(results_path, "w", encoding="utf-8").close()
            rc, output = _pytest(suite, env, list(only), crashed, deadline - time.monotonic())
            started = []
            with open(results_path, encoding="utf-8") as f:
                for line in f:
                    entry = json.loads(line)
                    if "start" in entry:
                        started.append(entry["start"])
                    else:
                        results[entry["id"]] = (entry["outcome"], entry["reason"])
            unfinished = [nodeid for nodeid in started if nodeid not in results]
            crashed += unfinished
            if rc is None or rc in (0, 1) or not unfinished or len(crashed) >= max_crashes:
                return rc, results, crashed, output


def report(suite, rc, results, crashed, output, timeout):
    """Prints the counts; returns the number of problems (wrong answers, crashes, ...)."""
    counts = collections.Counter(outcome for outcome, _ in results.values())
    gaps = collections.Counter(reason for outcome, reason in results.values()
                               if outcome == "gap")
    name = f"peer.{suite}_linalg"
    print(f"{name}: {len(results)} tests: {counts['pass']} pass, {counts['gap']} gap, "
          f"{counts['fail']} fail, {counts['xfail']} known failure, "
          f"{counts['skip']} skipped by the peer itself")
    if gaps:
        print(f"{name}: gaps by reason (fastlinalg lacks the capability, or the test checks "
              f"{suite}-specific behaviour):")
        for reason, count in gaps.most_common():
            print(f"{name}:   {count:4d}  {reason}")
    problems = 0
    for nodeid, (outcome, reason) in sorted(results.items()):
        if outcome in ("fail", "xpass"):
            problems += 1
            word = ("FAIL" if outcome == "fail"
                    else "XPASS (fixed? remove it from known_failures.txt)")
            print(f"{name}: {word}: {nodeid}: {reason}")
    for nodeid in crashed:
        problems += 1
        print(f"{name}: CRASH (or timeout) in {nodeid}")
    known = {k: v for k, v in known_failures().items() if k in results}
    for nodeid, reason in known.items():
        print(f"{name}: known failure: {nodeid}: {reason}")
    if rc is None:
        problems += 1
        print(f"{name}: TIMEOUT after {timeout} s")
    elif (rc not in (0, 1) and not crashed) or (rc == 1 and not problems):
        problems += 1  # pytest itself failed (usage, collection or internal error) or died
        print(f"{name}: pytest exited with status {rc}")
    if not results:
        problems += 1
        print(f"{name}: no test selected (suites.py names no test of this installed {suite})")
    if problems:
        print(f"{name}: --- pytest output (tail) ---\n" + output[-6000:])
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("suite", choices=sorted(SUITES))
    parser.add_argument("--library", required=True, help="libfastlinalg.so.0 to test")
    parser.add_argument("--package", default=os.path.join(REPO, "bindings", "python"),
                        help="the folder holding the fastlinalg Python package (default: "
                             "this checkout's bindings/python)")
    parser.add_argument("--timeout", type=float, default=240.0, help="seconds for the suite")
    parser.add_argument("--only", action="append", default=[], metavar="NODEID",
                        help="run only these of the suite's tests (node ids, repeatable)")
    args = parser.parse_args()
    rc, results, crashed, output = run_suite(args.suite, os.path.abspath(args.library),
                                             os.path.abspath(args.package), args.timeout,
                                             args.only)
    return 1 if report(args.suite, rc, results, crashed, output, args.timeout) else 0


if __name__ == "__main__":
    sys.exit(main())
