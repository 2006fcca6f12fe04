"""Seed 001's notebook helpers, as written there: the reference forms that test_blocks.py
checks the library against and that bench/python/bench_blmm.py times."""
import numpy as np


def mat2vec(matrix):
    return matrix.transpose().reshape(matrix.shape[0] * matrix.shape[1], 1)


def matb2vecb(matb, n):
    m, k = matb.shape
    return matb.reshape(m // n, n, k).transpose((1, 0, 2)).reshape(n, m * k // n).transpose() \
        .reshape(m // n, n * k)


def comMat(a, b):
    m = np.arange(a * b).reshape(a, b)
    vecm, vecmt = mat2vec(m), mat2vec(m.transpose())
    return (vecm.transpose() == vecmt).astype(int).transpose()
