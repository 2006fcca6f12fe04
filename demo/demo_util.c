#define _POSIX_C_SOURCE 199309L
#include "demo_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

double demo_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

void demo_fill_uniform(double *p, int64_t count, uint64_t seed) {
    /* splitmix64: small, fast and good enough for test matrices. */
    uint64_t state = seed;
    for (int64_t i = 0; i < count; ++i) {
        uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        z ^= z >> 31;
        p[i] = (double)(z >> 11) * (1.0 / 9007199254740992.0); /* 53 random bits */
    }
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double demo_median(double *v, int count) {
    qsort(v, (size_t)count, sizeof *v, compare_doubles);
    return count % 2 ? v[count / 2] : 0.5 * (v[count / 2 - 1] + v[count / 2]);
}

void demo_format_time(double s, char *buf, size_t size) {
    if (s < 1e-3)
        snprintf(buf, size, "%.1f us", s * 1e6);
    else if (s < 1.0)
        snprintf(buf, size, "%.2f ms", s * 1e3);
    else if (s < 120.0)
        snprintf(buf, size, "%.3f s", s);
    else
        snprintf(buf, size, "%.1f min", s / 60.0);
}
