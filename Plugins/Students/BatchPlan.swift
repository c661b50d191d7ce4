import UniNERNumerics

/// The order in which training sequences are batched: per epoch a seeded shuffle, then buckets of similar
/// length (sorted within windows of 32 batches) so that little padding is computed, then the batches shuffled.
/// A batch whose padded size (count × longest) exceeds `maxTokens` is split in halves until it fits, which bounds
/// the activation memory of the long-sentence buckets. The same seed gives the same batches, which is what lets
/// a resumed run repeat the interrupted one.
public struct BatchPlan: Sendable {
    public let lengths: [Int]
    public let batch: Int
    public let maxTokens: Int?
    public let seed: UInt64

    public init(lengths: [Int], batch: Int, maxTokens: Int? = nil, seed: UInt64) {
        self.lengths = lengths; self.batch = batch; self.maxTokens = maxTokens; self.seed = seed
    }

    /// Micro-batches per epoch (of the first epoch; splitting may make others differ by a few).
    public var batchesPerEpoch: Int { batches(epoch: 0).count }

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
                result += split(Array(chunk[i..<min(chunk.count, i + batch)]))
                i += batch
            }
            start += window
        }
        rng.shuffle(&result)
        return result
    }

    /// `indices` (sorted by length) in halves until each part's padded size fits `maxTokens`.
    func split(_ indices: [Int]) -> [[Int]] {
        guard let maxTokens, indices.count > 1, indices.count * (indices.map { lengths[$0] }.max() ?? 0) > maxTokens else {
            return [indices]
        }
        let half = indices.count / 2
        return split(Array(indices[..<half])) + split(Array(indices[half...]))
    }
}

/// Walks the micro-batches of consecutive epochs of a plan by global index.
public struct BatchCursor: Sendable {
    public let plan: BatchPlan
    private var epoch = -1
    private var batches: [[Int]] = []
    /// Global index of `batches[0]`.
    private var start = 0

    public init(plan: BatchPlan) {
        self.plan = plan
    }

    /// The micro-batch at global index `index` (epoch after epoch).
    public mutating func batch(_ index: Int) -> [Int] {
        if epoch < 0 || index < start {
            epoch = 0; start = 0; batches = plan.batches(epoch: 0)
        }
        while index >= start + batches.count {
            start += batches.count
            epoch += 1
            batches = plan.batches(epoch: epoch)
        }
        return batches[index - start]
    }
}
