"""Factor a matrix once with fastlinalg, solve for several right-hand sides in one call, and
check the answer. The Python twin of examples/c/solve_many.c; exits 1 if the check fails.

    pip install ./bindings/python && python examples/python/solve_many.py
"""
import sys

import numpy as np

import fastlinalg

A = np.array([[4, 1, 0, 2], [1, 5, 1, 0], [0, 1, 6, 1], [2, 0, 1, 7]], dtype=float)
# The columns of B are e1, e2 and A @ ones: X's last column must be all ones.
B = np.array([[1, 0, 7], [0, 1, 7], [0, 0, 8], [0, 0, 10]], dtype=float)

f = fastlinalg.lu(A)
X = f.solve(B)
sign, logabsdet = f.slogdet()
print(X)
print(f"det(A) = {sign:+.0f} * exp({logabsdet:.6f}), rcond = {f.rcond():.4f}")
print(f"library {fastlinalg.library_version()} loaded from {fastlinalg.library_path()}")
sys.exit(0 if np.allclose(X[:, 2], 1.0, rtol=0, atol=1e-12) else 1)
