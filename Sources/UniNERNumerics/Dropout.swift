import Foundation

/// Inverted dropout with a seeded generator; the keep mask goes from forward to backward.
public enum Dropout {
    /// Elements per independent random stream.
    static let blockSize = 65_536

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
        // One random stream per fixed block, seeded from `rng`: the same mask on any number of cores.
        let seed = rng.next()
        Parallel.blocks(count, blockSize: blockSize) { block, r in
            var g = RandomGenerator(seed: seed &+ UInt64(block) &* 0x9E37_79B9_7F4A_7C15)
            for i in r {
                let k: UInt8 = g.uniform() >= p ? 1 : 0
                keep[i] = k
                out[i] = k == 1 ? inp[i] * scale : 0
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
