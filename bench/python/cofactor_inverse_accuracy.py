#!/usr/bin/env python3
"""Why fl_stack_inverse uses cofactors only under its rule (docs/batched.md, "Inverses of
orders 1 to 4"): a numpy model of the same cofactor formulas (without FMA) against numpy's
LU inverse on U diag(sigma) V^T, printing the scaled residual ||I - A X||_1 / (||A||_1
||X||_1 n eps) and, per threshold t, the largest residual among the matrices that pass
m^(n-1) <= t max|C_ij|.

    /usr/bin/python3 bench/python/cofactor_inverse_accuracy.py
"""
import numpy as np

rng = np.random.default_rng(1)
EPS = np.finfo(float).eps


def orthogonal(count, n):
    q, _ = np.linalg.qr(rng.standard_normal((count, n, n)))
    return q


def det2(a, r0, r1, c0, c1):
    return a[:, r0, c0] * a[:, r1, c1] - a[:, r0, c1] * a[:, r1, c0]


def minor_det(a, rows, cols):
    """The determinant of a's submatrix, expanded along its first row as cofactors.hpp does."""
    if len(rows) == 1:
        return a[:, rows[0], cols[0]]
    if len(rows) == 2:
        return det2(a, rows[0], rows[1], cols[0], cols[1])
    d = 0
    for k, c in enumerate(cols):
        term = a[:, rows[0], c] * minor_det(a, rows[1:], cols[:k] + cols[k + 1:])
        d = d + term if k % 2 == 0 else d - term
    return d


def cofactors(a):
    n = a.shape[-1]
    c = np.empty_like(a)
    for i in range(n):
        for j in range(n):
            rows = [k for k in range(n) if k != i]
            cols = [k for k in range(n) if k != j]
            c[:, i, j] = (-1) ** (i + j) * minor_det(a, rows, cols)
    return c


def scaled_residual(a, x):
    n = a.shape[-1]
    norm1 = lambda m: np.abs(m).sum(axis=1).max(axis=-1)  # noqa: E731
    return norm1(np.eye(n) - a @ x) / (norm1(a) * norm1(x) * n * EPS)


def main(count=20000):
    for n in (3, 4):
        ratios, residuals = [], []
        print(f"n = {n}: sigma, cofactor residual max, LU residual max, median m^(n-1)/max|C|")
        for s2 in (1, 1e-2, 1e-3, 1e-4):
            for sn in (s2, 1e-8):
                sigma = np.array([1.0] + [s2] * (n - 2) + [sn])
                a = orthogonal(count, n) @ (sigma[None, :, None] * orthogonal(count, n))
                c = cofactors(a)
                det = np.einsum("lj,lj->l", a[:, 0, :], c[:, 0, :])
                res = scaled_residual(a, np.swapaxes(c, 1, 2) / det[:, None, None])
                res_lu = scaled_residual(a, np.linalg.inv(a))
                ratio = np.abs(a).max(axis=(1, 2)) ** (n - 1) / np.abs(c).max(axis=(1, 2))
                print(f"  {sigma}: {res.max():.3g}, {res_lu.max():.3g}, {np.median(ratio):.3g}")
                ratios.append(ratio)
                residuals.append(res)
        ratio, res = np.concatenate(ratios), np.concatenate(residuals)
        for t in (8, 16, 32, 64):
            ok = ratio <= t
            print(f"  threshold {t}: {ok.mean():.3f} pass, their largest residual {res[ok].max():.3g}")


if __name__ == "__main__":
    main()
