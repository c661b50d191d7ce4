import Foundation

/// Inverted dropout with a seeded generator; the keep mask goes from forward to backward.
public enum Dropout {
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
        for i in 0..<count {
            let k: UInt8 = rng.uniform() >= p ? 1 : 0
            keep[i] = k
            out[i] = k == 1 ? inp[i] * scale : 0
        }
    }

    /// Backward: dinp[N] += dout · keep / (1 − p).
    public static func backward(dinp: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, count: Int, cache: Cache) {
        if cache.p <= 0 {
            for i in 0..<count { dinp[i] += dout[i] }
            return
        }
        let scale = 1 / (1 - cache.p)
        let keep = cache.keep
        for i in 0..<count where keep[i] == 1 { dinp[i] += dout[i] * scale }
    }
}
