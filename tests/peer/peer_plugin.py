"""pytest plugin (-p peer_plugin) that runs a peer's own linalg tests against fastlinalg.

PEER_SUITE names the suite (suites.py). Loaded before any test module is imported, it puts
the adapter's functions in place of the peer's (scipy.linalg.X or numpy.linalg.X), so that a
test module's own `from scipy.linalg import solve` or `linalg.solve` reaches fastlinalg; the
other peer stays untouched as an independent reference. It deselects the tests of other
functions, marks the known failures (known_failures.txt) xfail, turns a PeerGap into a GAP
outcome, and appends one JSON line per test to PEER_RESULTS: {"start": id} when a test
begins, then {"id", "outcome": pass|gap|fail|xfail|xpass|skip, "reason"} when it ends, so the
runner can name the test a crash interrupted.
"""
import importlib
import json
import os

import pytest

from peer_gap import PeerGap
from suites import SUITES, known_failures

_SUITE = os.environ.get("PEER_SUITE", "")
_known = {}  # known_failures.txt: {node id: reason}


def _selected(nodeid, entries):
    return any(nodeid == e or nodeid.startswith((e + "::", e + "[")) for e in entries)


def _patch(suite):
    """Replace the peer's functions by the adapter's, in the peer's public namespace."""
    peer = importlib.import_module({"scipy": "scipy.linalg", "numpy": "numpy.linalg"}[suite])
    adapter = importlib.import_module(f"{suite}_adapter")
    for name in SUITES[suite]["functions"]:
        setattr(peer, name, getattr(adapter, name))


def _record(entry):
    path = os.environ.get("PEER_RESULTS")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry) + "\n")
            f.flush()
            os.fsync(f.fileno())


def pytest_configure(config):
    for marker in ("slow", "xslow", "xfail_on_32bit", "timeout", "fail_slow"):
        config.addinivalue_line("markers", f"{marker}: a marker of the peer's own suite")
    if _SUITE not in SUITES:
        raise pytest.UsageError(f"PEER_SUITE={_SUITE!r}: expected one of {sorted(SUITES)}")
    _patch(_SUITE)


def pytest_collection_modifyitems(config, items):
    entries = SUITES[_SUITE]["select"]
    _known.update(known_failures())
    keep, drop = [], []
    for item in items:
        (keep if _selected(item.nodeid, entries) else drop).append(item)
        if item.nodeid in _known:
            item.add_marker(pytest.mark.xfail(reason=_known[item.nodeid], strict=True))
    if drop:
        config.hook.pytest_deselected(items=drop)
    items[:] = keep


def pytest_runtest_setup(item):
    if item.get_closest_marker("xslow"):
        pytest.skip("the peer's own xslow test (SCIPY_XSLOW)")


def pytest_runtest_logstart(nodeid, location):
    _record({"start": nodeid})


def _gap_in(exc):
    """The PeerGap that exc is, or that exc was raised from (numpy's check_cases re-raises
    every exception of a case as an AssertionError `from` it), else None."""
    while exc is not None and not isinstance(exc, PeerGap):
        exc = exc.__cause__
    return exc


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    gap = _gap_in(call.excinfo.value) if call.excinfo is not None else None
    if gap is not None:
        report.outcome = "skipped"
        report.longrepr = (str(item.path), item.location[1] or 0, f"GAP: {gap}")
        report.peer_gap = str(gap)
        if hasattr(report, "wasxfail"):
            del report.wasxfail


def _message(report, limit=300):
    """A failed test's exception message on one line (numpy's assertions spread theirs over
    several: "Items are not equal", ACTUAL, DESIRED)."""
    crash = getattr(report.longrepr, "reprcrash", None)
    text = crash.message if crash is not None else report.longreprtext
    return " | ".join(line.strip() for line in text.splitlines() if line.strip())[:limit]


def _outcome(report):
    """(outcome, reason) of one phase of a test. xfail and xpass are the tests of
    known_failures.txt; a peer's own xfail marker counts as one of its skips."""
    gap = getattr(report, "peer_gap", None)
    if gap is not None:
        return "gap", gap
    ours = report.nodeid in _known
    if hasattr(report, "wasxfail"):
        if not ours:
            return ("skip" if report.skipped else "pass"), f"the peer's xfail: {report.wasxfail}"
        return ("xfail" if report.skipped else "xpass"), report.wasxfail
    if report.failed:
        if ours and str(report.longrepr).startswith("[XPASS(strict)]"):
            return "xpass", _known[report.nodeid]
        return "fail", _message(report)
    if report.skipped:
        return "skip", str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else ""
    return "pass", ""


_results = {}


def pytest_runtest_logreport(report):
    # One outcome per test: the first that is not a pass (setup, call, teardown) decides.
    outcome, reason = _outcome(report)
    previous = _results.get(report.nodeid)
    if previous is None or (previous[0] == "pass" and outcome != "pass"):
        _results[report.nodeid] = (outcome, reason)
    if report.when == "teardown":
        outcome, reason = _results[report.nodeid]
        _record({"id": report.nodeid, "outcome": outcome, "reason": reason})
