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

    /// Forward: out[N] = inp · keep / (1 − p); identity when p == 0. `out` may alias `inp`.
    public static func forward(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, count: Int,
                               p: Float, cache: Cache, rng: inout RandomGenerator) {
        cache.p = p
        if p <= 0 {
            if UnsafePointer(out) != inp { out.update(from: inp, count: count) }
            return
        }
        cache.reserve(count)
        let scale = 1 / (1 - p)
        let keep = cache.keep
        // A counter-based hash of (seed, index): the same mask on any number of cores, and the loop vectorises.
        let seed = rng.next()
        let threshold = Self.threshold(p)
        Parallel.chunks(count) { _, r in
            for i in r {
                let k: UInt8 = hash(seed, UInt32(truncatingIfNeeded: i)) >= threshold ? 1 : 0
                keep[i] = k
                out[i] = inp[i] * scale * Float(k)
            }
        }
    }

    /// Backward: dinp[N] += dout · keep / (1 − p).
    public static func backward(dinp: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, count: Int, cache: Cache) {
        let p = cache.p
        let scale = p > 0 ? 1 / (1 - p) : 1
        let keep = cache.keep
        Parallel.chunks(count) { _, r in
            if p <= 0 { for i in r { dinp[i] += dout[i] } }
            else { for i in r { dinp[i] += keep[i] == 1 ? dout[i] * scale : 0 } }
        }
    }
}
