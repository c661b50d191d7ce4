#include "CKernels.h"
#include <stdint.h>
#include <math.h>
#include <string.h>

// Same arithmetic in both variants, element by element: no contraction into FMA (the AVX2 variant does not
// enable FMA either) and no reassociation, so the two give identical results.
#pragma clang fp contract(off)

// e^x, the same operations as FastMath.exp (Sources/UniNERNumerics/FastMath.swift).
#define EXP_ELEMENT(in, e)                                                                          \
    float ex = (in) < -87.3f ? -87.3f : (in);                                                       \
    ex = ex > 88.7f ? 88.7f : ex;                                                                   \
    float n = (ex * 1.44269504088896341f + 12582912.0f) - 12582912.0f;                             \
    float r = ex - n * 0.693359375f + n * 2.12194440e-4f;                                           \
    float p = 1.9875691500e-4f;                                                                     \
    p = p * r + 1.3981999507e-3f;                                                                   \
    p = p * r + 8.3334519073e-3f;                                                                   \
    p = p * r + 4.1665795894e-2f;                                                                   \
    p = p * r + 1.6666665459e-1f;                                                                   \
    p = p * r + 5.0000001201e-1f;                                                                   \
    float y = p * r * r + r + 1;                                                                    \
    int32_t bits = ((int32_t)n + 127) << 23;                                                        \
    float scale;                                                                                    \
    memcpy(&scale, &bits, sizeof scale);                                                            \
    float e = y * scale;

// One element of GELU: reads v, leaves gelu(v) in `g`, Φ(v) in `cdf` and the shared exponential e^(−v²/2) in
// `e`; the same operations as the Swift reference (FastMath.erf, Sources/UniNERNumerics/FastMath.swift).
#define GELU_ELEMENT(v, g, e, cdf)                                                                  \
    float a = ((v) < 0 ? -(v) : (v)) * 0.70710678118654752f;                                        \
    EXP_ELEMENT(-a * a, e)                                                                          \
    float t = 1 / (1 + 0.3275911f * a);                                                             \
    float q = 1.061405429f;                                                                         \
    q = q * t - 1.453152027f;                                                                       \
    q = q * t + 1.421413741f;                                                                       \
    q = q * t - 0.284496736f;                                                                       \
    q = q * t + 0.254829592f;                                                                       \
    float erfAbs = 1 - q * t * e;                                                                   \
    float cdf = 0.5f * (1 + ((v) < 0 ? -erfAbs : erfAbs));                                          \
    float g = (v) * cdf;

// Training: the derivative replaces the input (one pointer, so the loop vectorises without alias checks).
#define GELU_KEEP_DERIVATIVE                                                                        \
    for (size_t i = 0; i < count; i++) {                                                            \
        float v = xd[i];                                                                            \
        GELU_ELEMENT(v, g, e, cdf)                                                                  \
        out[i] = g;                                                                                 \
        xd[i] = cdf + v * 0.39894228040143268f * e;                                                 \
    }

// Inference: the output alone.
#define GELU_PLAIN                                                                                  \
    for (size_t i = 0; i < count; i++) {                                                            \
        float v = x[i];                                                                             \
        GELU_ELEMENT(v, g, e, cdf)                                                                  \
        (void)e;                                                                                    \
        out[i] = g;                                                                                 \
    }

static void keep_baseline(float *restrict out, float *restrict xd, size_t count) { GELU_KEEP_DERIVATIVE }
__attribute__((target("avx2")))
static void keep_avx2(float *restrict out, float *restrict xd, size_t count) { GELU_KEEP_DERIVATIVE }
static void plain_baseline(float *restrict out, const float *restrict x, size_t count) { GELU_PLAIN }
__attribute__((target("avx2")))
static void plain_avx2(float *restrict out, const float *restrict x, size_t count) { GELU_PLAIN }

void uniner_gelu_keep_derivative(float *out, float *xd, size_t count, int use_avx2) {
    if (use_avx2) keep_avx2(out, xd, count);
    else keep_baseline(out, xd, count);
}

void uniner_gelu(float *out, const float *x, size_t count, int use_avx2) {
    if (use_avx2) plain_avx2(out, x, count);
    else plain_baseline(out, x, count);
}

// Max and sum in 16 lanes, each lane in index order, then the lanes in order: no reassociation is needed for the
// vectoriser, so both variants compute the same sums.
#define SOFTMAX_ROW                                                                                 \
    float lanes[16];                                                                                \
    for (int k = 0; k < 16; k++) lanes[k] = -INFINITY;                                              \
    size_t full = count / 16 * 16;                                                                  \
    for (size_t i = 0; i < full; i += 16)                                                           \
        for (int k = 0; k < 16; k++) lanes[k] = row[i + k] > lanes[k] ? row[i + k] : lanes[k];      \
    float mx = -INFINITY;                                                                           \
    for (int k = 0; k < 16; k++) mx = lanes[k] > mx ? lanes[k] : mx;                                \
    for (size_t i = full; i < count; i++) mx = row[i] > mx ? row[i] : mx;                           \
    for (size_t i = 0; i < count; i++) {                                                            \
        EXP_ELEMENT(row[i] - mx, e)                                                                 \
        row[i] = e;                                                                                 \
    }                                                                                               \
    for (int k = 0; k < 16; k++) lanes[k] = 0;                                                      \
    for (size_t i = 0; i < full; i += 16)                                                           \
        for (int k = 0; k < 16; k++) lanes[k] += row[i + k];                                        \
    float sum = 0;                                                                                  \
    for (int k = 0; k < 16; k++) sum += lanes[k];                                                   \
    for (size_t i = full; i < count; i++) sum += row[i];                                            \
    float inv = 1 / sum;                                                                            \
    for (size_t i = 0; i < count; i++) row[i] *= inv;

static void softmax_baseline(float *restrict row, size_t count) { SOFTMAX_ROW }
__attribute__((target("avx2")))
static void softmax_avx2(float *restrict row, size_t count) { SOFTMAX_ROW }

void uniner_softmax_row(float *row, size_t count, int use_avx2) {
    if (count == 0) return;
    if (use_avx2) softmax_avx2(row, count);
    else softmax_baseline(row, count);
}

int uniner_cpu_has_avx2(void) {
#if defined(__x86_64__) || defined(__i386__)
    unsigned int a, b, c, d;
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    int osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
    if (!osxsave || !avx) return 0;
    unsigned int lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6) != 6) return 0;   // XMM and YMM state saved by the OS
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(0));
    return (b >> 5) & 1;
#else
    return 0;
#endif
}
