"""PeerGap: what the adapters raise where fastlinalg lacks a capability a peer test needs.

A gap is never a fallback: the adapter computes nothing with scipy or numpy's linalg. It
raises PeerGap("reason") instead, and the plugin counts the test as GAP under that reason.
Reasons are short fixed phrases: the runner groups and counts tests by them.
"""
import functools

import numpy as np

import fastlinalg as fl


class PeerGap(NotImplementedError):
    """fastlinalg cannot do what this peer test asks; the message is the reason counted."""


# Each probe factors a tiny Hermitian positive definite complex matrix: a capability the
# installed fastlinalg lacks shows as NotImplementedError (the library's UnsupportedError) or
# TypeError (the binding refuses the dtype), so the counts rise as soon as a branch lands.
_HPD = np.array([[2.0, 1j], [-1j, 2.0]])


@functools.lru_cache(maxsize=None)
def has_complex(what):
    """Whether fastlinalg's `what` (a factor constructor's name, or 'stack.<name>' for the
    fastlinalg.linalg function) takes complex128 matrices."""
    fn = getattr(fl.linalg, what[6:]) if what.startswith("stack.") else getattr(fl, what)
    try:
        fn(_HPD)
    except (NotImplementedError, TypeError, KeyError):
        return False
    return True


def require_dtype(a, what, label=None):
    """PeerGap('complex dtypes') unless a is real or fastlinalg's `what` takes complex."""
    if np.iscomplexobj(a) and not has_complex(what):
        raise PeerGap(f"complex dtypes: {label or what}")


def reject(name, value, default, reason=None):
    """PeerGap for an option whose non-default value fastlinalg cannot honour."""
    if value is not default and value != default:
        raise PeerGap(reason or f"option without a fastlinalg equivalent: {name}={value!r}")
