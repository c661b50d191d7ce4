#ifndef UNINER_CKERNELS_H
#define UNINER_CKERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Element-wise kernels of the numerics that the Swift compiler can only vectorise for the baseline ISA (SSE2):
/// each is compiled twice from one body, for the baseline and for AVX2 without FMA, so that both give the same
/// bits on every element (no fused multiply-add, no reassociation) and the wider one is picked at run time.

/// GELU, the exact form x·Φ(x) with Φ from erf (Abramowitz & Stegun 7.1.26 and a Cephes-style exp), for training:
/// out[i] = gelu(xd[i]) and xd[i] = gelu'(xd[i]) in place. `out` and `xd` must not overlap.
void uniner_gelu_keep_derivative(float *out, float *xd, size_t count, int use_avx2);

/// The same GELU for inference: out[i] = gelu(x[i]), no derivative. `out` and `x` must not overlap.
void uniner_gelu(float *out, const float *x, size_t count, int use_avx2);

/// Softmax of one attention row in place, every key visible: row[j] = exp(row[j] − max) / Σ exp(row[k] − max)
/// (the Cephes-style exp of the GELU; sums in 16 fixed lanes, so both variants give the same bits).
void uniner_softmax_row(float *row, size_t count, int use_avx2);

/// Dropout's mask from the counter-based hash of Dropout.swift: keep[i] = hash(seed, first + i) >= threshold, and
/// out[i] = inp[i] · scale · keep[i] (+ residual[i] when `residual` is not NULL). `out` may be `inp`.
void uniner_dropout_mask(float *out, const float *inp, const float *residual, unsigned char *keep, size_t count,
                         uint64_t seed, uint32_t first, uint32_t threshold, float scale, int use_avx2);

/// A kept mask applied again: out[i] = inp[i] · scale · keep[i]. `out` may be `inp`.
void uniner_dropout_apply(float *out, const float *inp, const unsigned char *keep, size_t count, float scale,
                          int use_avx2);

/// The gradient through a kept mask: dinp[i] (+)= keep[i] ? dout[i] · scale : 0, added when `accumulate` is
/// non-zero, written otherwise. `dinp` must not overlap `dout` or `keep`.
void uniner_dropout_backward(float *dinp, const float *dout, const unsigned char *keep, size_t count, float scale,
                             int accumulate, int use_avx2);

/// A task of the worker pool: called once per index of a region, `index` from 0 (the calling thread's).
typedef void (*uniner_pool_task)(void *ctx, long index);

/// Runs task(ctx, i) for every i in 0..<count concurrently: index 0 on the calling thread, the others on the
/// pool's worker threads (created on first use, at most 63), and returns 0 once all have returned. Returns 1 and
/// runs nothing when the pool cannot take the region: count below 2 or above 64, another thread's region in
/// progress, or a call from inside a task (the caller then runs the region some other way).
int uniner_pool_run(int count, uniner_pool_task task, void *ctx);

/// Whether this CPU runs the AVX2 variants (CPUID, and the OS saves the YMM state).
int uniner_cpu_has_avx2(void);

#endif
