/// A small, fast, seedable generator (SplitMix64) so that every sampled passage, negative type and shuffle is
/// the same for the same recipe seed on every machine.
public struct SeededRandom: RandomNumberGenerator, Sendable, Codable, Hashable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for a named sub-stream, so that stages draw independent numbers from one recipe seed.
    public init(seed: UInt64, stream: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in stream.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        state = seed ^ hash
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// An index in 0..<n (n > 0): one draw, reduced modulo n (every stream of the project draws indices this way).
    public mutating func int(below n: Int) -> Int {
        Int(next() % UInt64(n))
    }
}
