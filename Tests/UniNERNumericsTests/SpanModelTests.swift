import XCTest
@testable import UniNERNumerics

/// Synthetic batches for a tiny span model: random tokens, words of 1-2 subwords, two query markers per sequence,
/// and gold spans that depend on the tokens (so there is something to learn).
enum Synthetic {
    static let vocab = 40
    static func config(hidden: Int = 32, layers: Int = 2, dropout: Float = 0) -> SpanModelConfig {
        SpanModelConfig(encoder: BertConfig(vocabSize: vocab, hiddenSize: hidden, numHiddenLayers: layers, numAttentionHeads: 2,
                                            intermediateSize: 2 * hidden, maxPositionEmbeddings: 32,
                                            hiddenDropoutProb: dropout, attentionProbsDropoutProb: dropout),
                        maxSpanWidth: 3)
    }

    /// `[CLS] [M] [M] [SEP] w1 ... wn [SEP] pad...`: queries at the markers; token 10 starts a type-0 mention of
    /// one word, token 11 a type-1 mention of two words.
    static func batch(seed: UInt64, batch B: Int = 3, length T: Int = 16) -> SpanBatch {
        var rng = RandomGenerator(seed: seed)
        var ids = [Int32](repeating: 0, count: B * T), mask = [Int32](repeating: 0, count: B * T)
        var first: [[Int]] = [], last: [[Int]] = [], queries: [[Int]] = [], gold: [[SpanTarget]] = []
        for b in 0..<B {
            let words = 4 + rng.int(below: 4)
            var toks: [Int32] = [1, 2, 2, 3]
            var f: [Int] = [], l: [Int] = [], g: [SpanTarget] = []
            for w in 0..<words {
                let sub = 1 + rng.int(below: 2)
                if toks.count + sub + 1 > T { break }
                f.append(toks.count)
                for _ in 0..<sub { toks.append(Int32(10 + rng.int(below: vocab - 10))) }
                l.append(toks.count - 1)
                if toks[f[w]] == 10 { g.append(SpanTarget(query: 0, start: w, end: w)) }
            }
            for (w, start) in f.enumerated() where toks[start] == 11 && w + 1 < f.count {
                g.append(SpanTarget(query: 1, start: w, end: w + 1))
            }
            toks.append(3)
            for (i, t) in toks.enumerated() { ids[b * T + i] = t; mask[b * T + i] = 1 }
            first.append(f); last.append(l); queries.append([1, 2]); gold.append(g)
        }
        return SpanBatch(batch: B, length: T, inputIds: ids, attentionMask: mask, wordFirst: first, wordLast: last,
                         queryPositions: queries, positives: gold)
    }

    /// `batch(seed:)` with pooled queries: query 0 the mean of both markers (positions 1-2), query 1 the mean of
    /// the first word's tokens and the next (from position 4, three tokens), as a label's word pieces would be.
    static func pooledBatch(seed: UInt64, batch B: Int = 3) -> SpanBatch {
        var b = batch(seed: seed, batch: B)
        b.queryPositions = Array(repeating: [1, 4], count: B)
        b.queryWidths = Array(repeating: [2, 3], count: B)
        return b
    }
}

final class SpanModelTests: XCTestCase {
    func testWholeModelGradientMatchesFiniteDifferences() throws {
        try checkWholeModelGradient(config: Synthetic.config())
    }

    func testWholeModelGradientWithFocalLossAndPositiveWeightMatchesFiniteDifferences() throws {
        var config = Synthetic.config()
        config.focalGamma = 2; config.positiveWeight = 5
        try checkWholeModelGradient(config: config)
    }

    func testFocalLossConfigRoundTripsAndAPlainModelWritesNoFocalKey() throws {
        let plain = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Synthetic.config())) as? [String: Any]
        XCTAssertNil(plain?["focalGamma"], "a plain-loss config is written as before the option existed")
        var focal = Synthetic.config()
        focal.focalGamma = 1.5
        XCTAssertEqual(try JSONDecoder().decode(SpanModelConfig.self, from: JSONEncoder().encode(focal)), focal)
        focal.focalGamma = -1
        XCTAssertThrowsError(try focal.validate(file: "span_config.json"))
    }

    func testWholeModelGradientWithAHiddenQueryLayerMatchesFiniteDifferences() throws {
        var config = Synthetic.config()
        config.queryHiddenSize = 48
        try checkWholeModelGradient(config: config)
    }

    /// The hidden query layer: its parameters exist only when asked for, the folded route agrees with the forward,
    /// and its config round-trips while a plain model's file keeps no key for it.
    func testHiddenQueryLayerPredictsByTheFoldedHeadAndRoundTrips() throws {
        var config = Synthetic.config()
        config.queryHiddenSize = 48
        let model = try SpanModel(config: config, seed: 5)
        XCTAssertEqual(model.store.parameters.first { $0.name == "query_hidden.weight" }?.shape, [48, 32])
        XCTAssertEqual(model.store.parameters.first { $0.name == "query_proj.weight" }?.shape, [32, 48])
        XCTAssertNil(try SpanModel(config: Synthetic.config(), seed: 5).store.parameters.first { $0.name.hasPrefix("query_hidden") })
        let batch = Synthetic.batch(seed: 7)
        let predicted = try assertFoldedRouteMatchesForward(model, batch)
        let dir = try temporaryFolder(self).appendingPathComponent("model")
        try model.save(folder: dir)
        XCTAssertEqual(try SpanModel.load(folder: dir).predict(batch).flatMap(\.probs), predicted)
        let plain = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Synthetic.config())) as? [String: Any]
        XCTAssertNil(plain?["queryHiddenSize"])
        config.queryHiddenSize = -1
        XCTAssertThrowsError(try config.validate(file: "span_config.json"))
    }

    func testWholeModelGradientWithASpanLSTMMatchesFiniteDifferences() throws {
        var config = Synthetic.config()
        config.spanLSTM = true
        try checkWholeModelGradient(config: config)
    }

    /// The span BiLSTM: its parameters exist only when asked for, prediction (which then encodes every row) agrees
    /// with the forward, and the config round-trips while a plain model's file keeps no key for it.
    func testSpanLSTMPredictsAsTheForwardAndRoundTrips() throws {
        var config = Synthetic.config()
        config.spanLSTM = true
        let model = try SpanModel(config: config, seed: 5)
        XCTAssertEqual(model.store.parameters.first { $0.name == "rnn.weight_ih_l0_reverse" }?.shape, [64, 32])
        XCTAssertEqual(model.store.parameters.first { $0.name == "rnn.weight_hh_l0" }?.shape, [64, 16])
        XCTAssertTrue(model.store.parameters.filter { $0.name.hasPrefix("rnn.") }.allSatisfy(model.isHead))
        XCTAssertNil(try SpanModel(config: Synthetic.config(), seed: 5).store.parameters.first { $0.name.hasPrefix("rnn.") })
        let batch = Synthetic.batch(seed: 7)
        let predicted = try assertFoldedRouteMatchesForward(model, batch)
        XCTAssertNotEqual(predicted, try SpanModel(config: Synthetic.config(), seed: 5).predict(batch).flatMap(\.probs))
        let dir = try temporaryFolder(self).appendingPathComponent("model")
        try model.save(folder: dir)
        XCTAssertEqual(try SpanModel.load(folder: dir).predict(batch).flatMap(\.probs), predicted)
        let plain = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Synthetic.config())) as? [String: Any]
        XCTAssertNil(plain?["spanLSTM"])
        XCTAssertEqual(try JSONDecoder().decode(SpanModelConfig.self, from: JSONEncoder().encode(config)), config)
        config.encoder.hiddenSize = 33; config.encoder.numAttentionHeads = 3
        XCTAssertThrowsError(try config.validate(file: "span_config.json")) { XCTAssertTrue("\($0)".contains("even"), "\($0)") }
    }

    func testWholeModelGradientWithPooledQueriesMatchesFiniteDifferences() throws {
        try checkWholeModelGradient(config: Synthetic.config(), batch: Synthetic.pooledBatch(seed: 3))
    }

    /// A pooled query's input is the mean of its tokens' final states (checked against the encoder's own output),
    /// and a width of 1 is the plain query.
    func testPooledQueryIsTheMeanOfItsTokensStates() throws {
        let model = try SpanModel(config: Synthetic.config(), seed: 5)
        let pooled = Synthetic.pooledBatch(seed: 7)
        var r = RandomGenerator(seed: 0)
        let cache = try model.forward(pooled, training: false, rng: &r)
        let C = model.config.encoder.hiddenSize, T = pooled.length
        let H = cache.encoder.hidden.array, qIn = cache.qIn.array
        for b in 0..<pooled.batch {
            for (q, (start, width)) in zip(pooled.queryPositions[b], pooled.queryWidths![b]).enumerated() {
                for j in 0..<C {
                    let mean = (start..<(start + width)).map { H[(b * T + $0) * C + j] }.reduce(0, +) / Float(width)
                    XCTAssertEqual(qIn[(b * 2 + q) * C + j], mean, accuracy: 1e-5)
                }
            }
        }
        var plain = pooled
        plain.queryWidths = Array(repeating: [1, 1], count: pooled.batch)
        let widthOne = try model.predict(plain).flatMap(\.probs)
        plain.queryWidths = nil
        XCTAssertEqual(widthOne, try model.predict(plain).flatMap(\.probs))
        XCTAssertNotEqual(widthOne, try model.predict(pooled).flatMap(\.probs))
    }

    /// The folded route keeps only the rows the head reads: every row of a pooled query must be among them.
    func testPooledPredictionsByTheFoldedHeadMatchTheForwardsLogits() throws {
        try assertFoldedRouteMatchesForward(try SpanModel(config: Synthetic.config(), seed: 5), Synthetic.pooledBatch(seed: 7))
    }

    /// predict's probabilities (the folded route: W2 applied to the queries, the last layer's unread rows skipped)
    /// against the training forward's logits; returns them.
    @discardableResult
    private func assertFoldedRouteMatchesForward(_ model: SpanModel, _ batch: SpanBatch, line: UInt = #line) throws -> [Float] {
        var r = RandomGenerator(seed: 0)
        let forward = try model.forward(batch, training: false, rng: &r).logits.array.map(BinaryCrossEntropy.sigmoid)
        let predicted = try model.predict(batch).flatMap(\.probs)
        XCTAssertEqual(predicted.count, forward.count, line: line)
        for (a, b) in zip(predicted, forward) { XCTAssertEqual(a, b, accuracy: 1e-6, line: line) }
        return predicted
    }

    private func checkWholeModelGradient(config: SpanModelConfig, batch given: SpanBatch? = nil) throws {
        let model = try SpanModel(config: config, seed: 7)
        // Larger weights than the 0.02 init so that every path carries a gradient well above rounding noise.
        var rng = RandomGenerator(seed: 8)
        for p in model.store.parameters where p.shape.count == 2 { rng.fillNormal(model.store.value(p), count: p.count, std: 0.3) }
        var batch = given ?? Synthetic.batch(seed: 3)
        batch.positives[0].append(SpanTarget(query: 1, start: 0, end: 2))
        batch.tokenTypeIds = batch.attentionMask.map { $0 == 1 ? 0 : 1 }
        var r = RandomGenerator(seed: 0)
        model.store.zeroGrad()
        model.backward(try model.forward(batch, training: false, rng: &r))
        var analytic: [Float] = [], numeric: [Float] = []
        var pick = RandomGenerator(seed: 9)
        for p in model.store.parameters {
            let indices = (0..<min(4, p.count)).map { _ in p.offset + pick.int(below: p.count) }
            let a = indices.map { model.store.grads.data[$0] }
            let n = try numericGradient(model.store.values.data, indices: indices, eps: 1e-2) {
                try model.forward(batch, training: false, rng: &r).loss
            }
            if p.name.hasSuffix("attention.self.key.bias") {
                // Softmax ignores a shift shared by all keys: the exact gradient is zero, the numeric one rounding noise.
                for (x, y) in zip(a, n) { XCTAssertEqual(x, 0, accuracy: 1e-6, p.name); XCTAssertEqual(y, 0, accuracy: 1e-3, p.name) }
                continue
            }
            analytic += a; numeric += n
            // Each parameter tensor on its own, so that a wrong one is named.
            assertClose(Array(analytic.suffix(indices.count)), Array(numeric.suffix(indices.count)), tolerance: 2e-2,
                        floor: 1e-4, p.name)
        }
        assertClose(analytic, numeric, tolerance: 1e-3, "all parameters")
    }

    func testLossDecreasesToTheRecordedValueAndResumeRepeatsTheCurve() throws {
        let steps = 12, k = 5
        let config = TrainerConfig(headLearningRate: 3e-3, encoderLearningRate: 1e-3, warmupSteps: 2, totalSteps: steps,
                                   decay: .cosine, seed: 11)
        func run(_ trainer: Trainer, from: Int, to: Int) throws -> [Double] {
            try (from..<to).map { s in try trainer.step([Synthetic.batch(seed: UInt64(100 + s))]).loss }
        }
        let full = Trainer(model: try SpanModel(config: Synthetic.config(dropout: 0.1), seed: 5), config: config)
        let losses = try run(full, from: 0, to: steps)
        XCTAssertLessThan(losses.suffix(3).reduce(0, +), losses.prefix(3).reduce(0, +) * 0.5, "\(losses)")
        // Fixed-seed regression: update only when the numerics change on purpose.
        XCTAssertEqual(losses[0], 0.694909, accuracy: 1e-4, "\(losses)")
        XCTAssertEqual(losses[6], 0.302930, accuracy: 1e-4, "\(losses)")
        XCTAssertEqual(losses[steps - 1], 0.090576, accuracy: 1e-4, "\(losses)")

        let dir = try temporaryFolder(self).appendingPathComponent("ckpt")
        let first = Trainer(model: try SpanModel(config: Synthetic.config(dropout: 0.1), seed: 5), config: config)
        let head = try run(first, from: 0, to: k)
        try first.saveCheckpoint(to: dir)
        let resumed = try Trainer.resume(from: dir)
        XCTAssertEqual(resumed.step, k)
        let tail = try run(resumed, from: k, to: steps)
        XCTAssertEqual(head + tail, losses, "resumed run must repeat the uninterrupted loss curve exactly")
    }

    func testGradientAccumulationAveragesMicroBatches() throws {
        let config = TrainerConfig(headLearningRate: 1e-2, encoderLearningRate: 1e-2, totalSteps: 10, maxGradNorm: 0)
        let b1 = Synthetic.batch(seed: 1), b2 = Synthetic.batch(seed: 2)
        // Two micro-batches: gradients are the mean of the two, losses too.
        let model = try SpanModel(config: Synthetic.config(), seed: 3)
        var r = RandomGenerator(seed: 0)
        model.store.zeroGrad()
        let c1 = try model.forward(b1, training: true, rng: &r); model.backward(c1, lossScale: 0.5)
        let c2 = try model.forward(b2, training: true, rng: &r); model.backward(c2, lossScale: 0.5)
        let l1 = c1.loss, l2 = c2.loss
        let expected = model.store.grads.array
        let trainer = Trainer(model: try SpanModel(config: Synthetic.config(), seed: 3), config: config)
        let before = trainer.model.store.values.array
        let report = try trainer.step([b1, b2])
        XCTAssertEqual(report.loss, (l1 + l2) / 2, accuracy: 1e-9)
        XCTAssertEqual(trainer.model.store.grads.array, expected)
        XCTAssertEqual(report.tokens, b1.tokenCount + b2.tokenCount)
        XCTAssertNotEqual(trainer.model.store.values.array, before, "the step updates the weights")

        var frozenConfig = config
        frozenConfig.freezeWordEmbeddings = true
        let frozen = Trainer(model: try SpanModel(config: Synthetic.config(), seed: 3), config: frozenConfig)
        let name = "embeddings.word_embeddings.weight", other = "embeddings.position_embeddings.weight"
        let (w0, p0) = (frozen.model.store.array(name), frozen.model.store.array(other))
        _ = try frozen.step([b1])
        XCTAssertEqual(frozen.model.store.array(name), w0)
        XCTAssertNotEqual(frozen.model.store.array(other), p0)
    }

    /// predict scores by the folded route (W2 applied to the queries, not the spans): the same probabilities as the
    /// training forward's logits, on a batch with several queries per sequence.
    func testPredictionsByTheFoldedHeadMatchTheForwardsLogits() throws {
        let model = try SpanModel(config: Synthetic.config(), seed: 5)
        let batch = Synthetic.batch(seed: 7)
        XCTAssertGreaterThan(batch.queryPositions.map(\.count).max() ?? 0, 1)
        let predicted = try assertFoldedRouteMatchesForward(model, batch)
        XCTAssertGreaterThan(Set(predicted.map { ($0 * 1e4).rounded() }).count, 10, "the probabilities differ from pair to pair")
    }

    func testSaveAndLoadGiveTheSamePredictions() throws {
        let model = try SpanModel(config: Synthetic.config(), seed: 21)
        let dir = try temporaryFolder(self).appendingPathComponent("model")
        try model.save(folder: dir)
        let loaded = try SpanModel.load(folder: dir)
        XCTAssertEqual(loaded.config, model.config)
        let batch = Synthetic.batch(seed: 1)
        let a = try model.predict(batch), b = try loaded.predict(batch)
        XCTAssertEqual(a.map(\.probs), b.map(\.probs))
        XCTAssertEqual(a[0].spans.count, a[0].probs.count / 2)
        // The saved folder is also a Hugging Face encoder folder.
        let enc = try BertModel.load(folder: dir)
        XCTAssertEqual(enc.store.array("encoder.layer.1.output.dense.weight"), model.store.array("encoder.layer.1.output.dense.weight"))
    }

    func testConcurrentPredictionsOnOneModelMatchSequentialOnes() throws {
        let model = try SpanModel(config: Synthetic.config(), seed: 5)
        let batches = (0..<6).map { Synthetic.batch(seed: UInt64(30 + $0), batch: 1 + $0 % 3) }
        let sequential = try batches.map { try model.predict($0).map(\.probs) }
        let results = ConcurrentResults(count: batches.count)
        DispatchQueue.concurrentPerform(iterations: batches.count) { i in
            results.set(i, (try? model.predict(batches[i]))?.map(\.probs))
        }
        XCTAssertEqual(results.values, sequential.map { Optional($0) })
    }

    func testInconsistentBatchIsAnErrorNotACrash() throws {
        let model = try SpanModel(config: Synthetic.config(), seed: 1)
        var batch = Synthetic.batch(seed: 1)
        batch.queryPositions[1] = [99]
        var r = RandomGenerator(seed: 0)
        XCTAssertThrowsError(try model.forward(batch, training: true, rng: &r))
        batch = Synthetic.batch(seed: 1)
        batch.inputIds[0] = 1000
        XCTAssertThrowsError(try model.forward(batch, training: true, rng: &r))
        for widths in [[[2, 3], [2, 3]], [[2, 3], [2, 3], [0, 1]], [[2, 3], [2, 3], [2, 30]], [[2, 3], [2, 3], [2]]] {
            batch = Synthetic.pooledBatch(seed: 1)
            batch.queryWidths = widths
            XCTAssertThrowsError(try model.forward(batch, training: true, rng: &r), "\(widths)")
        }
    }
}

/// Results written by concurrent workers, one slot each.
final class ConcurrentResults: @unchecked Sendable {
    // @unchecked: every access holds `lock`.
    private let lock = NSLock()
    private var slots: [[[Float]]?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: [[Float]]?) { lock.lock(); slots[i] = value; lock.unlock() }
    var values: [[[Float]]?] { lock.lock(); defer { lock.unlock() }; return slots }
}
