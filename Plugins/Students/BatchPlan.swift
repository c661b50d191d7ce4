import UniNERNumerics

/// The order in which training sequences are batched: per epoch a seeded shuffle, then buckets of similar
/// length (sorted within windows of 32 batches) so that little padding is computed, then the batches shuffled.
/// The same seed gives the same batches, which is what lets a resumed run repeat the interrupted one.
public struct BatchPlan: Sendable {
    public let lengths: [Int]
    public let batch: Int
    public let seed: UInt64

    public init(lengths: [Int], batch: Int, seed: UInt64) {
        self.lengths = lengths; self.batch = batch; self.seed = seed
    }

    /// Micro-batches per epoch.
    public var batchesPerEpoch: Int { (lengths.count + batch - 1) / batch }

    /// The micro-batches of epoch `epoch`, as sequence indices.
    public func batches(epoch: Int) -> [[Int]] {
        var rng = RandomGenerator(seed: seed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(epoch + 1))
        var order = Array(lengths.indices)
        rng.shuffle(&order)
        var result: [[Int]] = []
        let window = batch * 32
        var start = 0
        while start < order.count {
            let chunk = order[start..<min(order.count, start + window)].sorted { (lengths[$0], $0) < (lengths[$1], $1) }
            var i = 0
            while i < chunk.count {
                result.append(Array(chunk[i..<min(chunk.count, i + batch)]))
                i += batch
            }
            start += window
        }
        rng.shuffle(&result)
        return result
    }
}
