#include "CKernels.h"
#include <stdint.h>

// Same arithmetic in both variants, element by element (see gelu.c): the masks are integer hashes, and each kept
// value is inp · scale · keep in that order, as the Swift reference (Dropout.swift) computes it.
#pragma clang fp contract(off)

// The "lowbias32" hash of Dropout.hash: the element's index offset by the seed's low word, xored with its high word.
static inline uint32_t keep_hash(uint64_t seed, uint32_t index) {
    uint32_t x = index + (uint32_t)seed;
    x ^= x >> 16; x *= 0x7FEB352Du; x ^= x >> 15; x *= 0x846CA68Bu; x ^= x >> 16;
    return x ^ (uint32_t)(seed >> 32);
}

// `out` may be `inp` (dropout in place): each element reads and writes its own index only, which is what
// assume_safety promises the vectoriser (SSE2 has no 32-bit multiply, so without AVX2 the hash stays narrow).
#define DROPOUT_MASK(EXTRA)                                                                         \
    _Pragma("clang loop vectorize(assume_safety)")                                                  \
    for (size_t i = 0; i < count; i++) {                                                            \
        unsigned char k = keep_hash(seed, first + (uint32_t)i) >= threshold;                        \
        keep[i] = k;                                                                                \
        out[i] = inp[i] * scale * (float)k EXTRA;                                                   \
    }

#define DROPOUT_MASK_ARGS float *out, const float *inp, const float *residual, unsigned char *keep,   \
    size_t count, uint64_t seed, uint32_t first, uint32_t threshold, float scale

static void mask_baseline(DROPOUT_MASK_ARGS) {
    if (residual) { DROPOUT_MASK(+ residual[i]) } else { DROPOUT_MASK() }
}
__attribute__((target("avx2")))
static void mask_avx2(DROPOUT_MASK_ARGS) {
    if (residual) { DROPOUT_MASK(+ residual[i]) } else { DROPOUT_MASK() }
}

void uniner_dropout_mask(float *out, const float *inp, const float *residual, unsigned char *keep, size_t count,
                         uint64_t seed, uint32_t first, uint32_t threshold, float scale, int use_avx2) {
    if (use_avx2) mask_avx2(out, inp, residual, keep, count, seed, first, threshold, scale);
    else mask_baseline(out, inp, residual, keep, count, seed, first, threshold, scale);
}

// out[i] = inp[i] · scale · keep[i]; `out` may be `inp`.
#define DROPOUT_APPLY                                                                               \
    _Pragma("clang loop vectorize(assume_safety)")                                                  \
    for (size_t i = 0; i < count; i++) out[i] = inp[i] * scale * (float)keep[i];

static void apply_baseline(float *out, const float *inp, const unsigned char *keep, size_t count, float scale) {
    DROPOUT_APPLY
}
__attribute__((target("avx2")))
static void apply_avx2(float *out, const float *inp, const unsigned char *keep, size_t count, float scale) {
    DROPOUT_APPLY
}

void uniner_dropout_apply(float *out, const float *inp, const unsigned char *keep, size_t count, float scale,
                          int use_avx2) {
    if (use_avx2) apply_avx2(out, inp, keep, count, scale);
    else apply_baseline(out, inp, keep, count, scale);
}

// The gradient through the mask: a dropped element passes exactly 0, a kept one dout · scale; added to dinp, or
// to 0 in place of dinp (the caller's buffer then needs no zeroing first, and the bits are those of zeroing it:
// 0 + x is not folded to x under strict floating point, so a −0 comes out +0 as before).
#define DROPOUT_BACKWARD(BASE)                                                                      \
    for (size_t i = 0; i < count; i++) dinp[i] = BASE + (keep[i] ? dout[i] * scale : 0.0f);

static void backward_baseline(float *restrict dinp, const float *restrict dout, const unsigned char *restrict keep,
                              size_t count, float scale, int accumulate) {
    if (accumulate) { DROPOUT_BACKWARD(dinp[i]) } else { DROPOUT_BACKWARD(0.0f) }
}
__attribute__((target("avx2")))
static void backward_avx2(float *restrict dinp, const float *restrict dout, const unsigned char *restrict keep,
                          size_t count, float scale, int accumulate) {
    if (accumulate) { DROPOUT_BACKWARD(dinp[i]) } else { DROPOUT_BACKWARD(0.0f) }
}

void uniner_dropout_backward(float *dinp, const float *dout, const unsigned char *keep, size_t count, float scale,
                             int accumulate, int use_avx2) {
    if (use_avx2) backward_avx2(dinp, dout, keep, count, scale, accumulate);
    else backward_baseline(dinp, dout, keep, count, scale, accumulate);
}
