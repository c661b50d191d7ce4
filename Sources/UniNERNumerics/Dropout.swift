import CKernels
import Foundation

/// Inverted dropout with a seeded generator; the keep mask goes from forward to backward.
public enum Dropout {
    /// A uniform 32-bit value for element `index` of the mask drawn with `seed`: the "lowbias32" integer hash
    /// of the index offset by the seed's low word, xored with its high word. An element is kept when the value
    /// is at least `threshold(p)`.
    @inline(__always)
    static func hash(_ seed: UInt64, _ index: UInt32) -> UInt32 {
        var x = index &+ UInt32(truncatingIfNeeded: seed)
        x ^= x >> 16; x = x &* 0x7FEB_352D; x ^= x >> 15; x = x &* 0x846C_A68B; x ^= x >> 16
        return x ^ UInt32(truncatingIfNeeded: seed >> 32)
    }

    /// The hash value below which an element is dropped, for drop probability `p`.
    @inline(__always)
    static func threshold(_ p: Float) -> UInt32 { UInt32(min(Double(p), 1) * 4_294_967_295.0) }

    /// The keep mask (1 kept, 0 dropped) kept from forward for backward.
    public final class Cache {
        /// [N] keep flags.
        public internal(set) var keep: UnsafeMutablePointer<UInt8>
        var capacity = 0
        /// The drop probability used in the last forward (0: identity).
        public internal(set) var p: Float = 0
        public init() { keep = .allocate(capacity: 1) }
        deinit { keep.deallocate() }
        func reserve(_ n: Int) {
            if n > capacity { keep.deallocate(); keep = .allocate(capacity: n); capacity = n }
        }
    }

    /// Forward: out[N] = inp · keep / (1 − p) (+ residual), identity (plus the residual) when p == 0. `out` may
    /// alias `inp`; `residual` must not alias `out` unless it is `inp`.
    ///
    /// - Parameters:
    ///   - residual: added after the mask in the same pass (the encoder's residual connections), as the separate
    ///     addition would: (inp · scale · keep) + residual, the same bits.
    public static func forward(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>,
                               adding residual: UnsafePointer<Float>? = nil, count: Int,
                               p: Float, cache: Cache, rng: inout RandomGenerator) {
        forward(out: out, inp: inp, adding: residual, count: count, p: p, cache: cache, rng: &rng, avx2: Kernels.avx2)
    }

    static func forward(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, adding residual: UnsafePointer<Float>?,
                        count: Int, p: Float, cache: Cache, rng: inout RandomGenerator, avx2: Bool) {
        cache.p = p
        if p <= 0 {
            if UnsafePointer(out) != inp { out.update(from: inp, count: count) }
            if let residual { Parallel.chunks(count) { _, r in for i in r { out[i] += residual[i] } } }
            return
        }
        cache.reserve(count)
        let keep = cache.keep
        // A counter-based hash of (seed, index): the same mask on any number of cores, and the loop vectorises
        // (the C kernel of `Sources/CKernels/dropout.c`; `hash` is its Swift reference).
        let seed = rng.next()
        let threshold = Self.threshold(p), scale = 1 / (1 - p), wide: Int32 = avx2 ? 1 : 0
        Parallel.chunks(count) { _, r in
            let i = r.lowerBound
            uniner_dropout_mask(out + i, inp + i, residual.map { $0 + i }, keep + i, r.count, seed,
                                UInt32(truncatingIfNeeded: i), threshold, scale, wide)
        }
    }

    /// Backward: dinp[N] += dout · keep / (1 − p), or dinp[N] = 0 + that when `accumulate` is false (the bits of
    /// zeroing the buffer first, without the pass that zeroes it). `dinp` must not overlap `dout`.
    public static func backward(dinp: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, count: Int, cache: Cache,
                                accumulate: Bool = true) {
        backward(dinp: dinp, dout: dout, count: count, cache: cache, accumulate: accumulate, avx2: Kernels.avx2)
    }

    static func backward(dinp: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, count: Int, cache: Cache,
                         accumulate: Bool, avx2: Bool) {
        let p = cache.p
        if p <= 0 {
            // 0 + dout rather than a copy: the bits of a zeroed buffer accumulated into (a −0 comes out +0)
            Parallel.chunks(count) { _, r in for i in r { dinp[i] = (accumulate ? dinp[i] : 0) + dout[i] } }
            return
        }
        let scale = 1 / (1 - p), keep = cache.keep, wide: Int32 = avx2 ? 1 : 0
        Parallel.chunks(count) { _, r in
            let i = r.lowerBound
            uniner_dropout_backward(dinp + i, dout + i, keep + i, r.count, scale, accumulate ? 1 : 0, wide)
        }
    }
}
