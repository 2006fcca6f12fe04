/* Small helpers for the demo: a clock, reproducible random numbers, a median and
 * time formatting. */
#ifndef FL_DEMO_UTIL_H
#define FL_DEMO_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Seconds on a monotonic clock. */
double demo_now(void);

/* Fills p[0..count) with numbers uniform in [0, 1), like np.random.rand, from a
 * fixed seed so that every run sees the same matrices. */
void demo_fill_uniform(double *p, int64_t count, uint64_t seed);

/* The median of v[0..count); sorts v. */
double demo_median(double *v, int count);

/* Writes seconds as "123.4 us", "12.34 ms", "1.234 s" or "2.1 min" into buf. */
void demo_format_time(double seconds, char *buf, size_t size);

#endif
