import XCTest
@testable import UniNERNumerics

final class BertModelTests: XCTestCase {
    struct Reference: Decodable {
        let input_ids: [Int32], attention_mask: [Int32], token_type_ids: [Int32], batch: Int, length: Int, hidden: [Float]
    }

    /// MiniLM hidden states against an independent float64 NumPy forward (Fixtures/minilm_reference.py).
    func testMiniLMMatchesTheNumPyReference() throws {
        let folder = try modelFolder()
        let url = try XCTUnwrap(Bundle.module.url(forResource: "minilm_reference", withExtension: "json", subdirectory: "Fixtures"))
        let ref = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        let model = try BertModel.load(folder: folder)
        let got = try model.hiddenStates(inputIds: ref.input_ids, attentionMask: ref.attention_mask,
                                         tokenTypeIds: ref.token_type_ids, batch: ref.batch, length: ref.length)
        let H = model.config.hiddenSize
        var worst: Float = 0
        for n in 0..<(ref.batch * ref.length) where ref.attention_mask[n] == 1 {
            for j in 0..<H { worst = max(worst, abs(got[n * H + j] - ref.hidden[n * H + j])) }
        }
        XCTAssertLessThan(worst, 1e-4, "largest difference from the reference")
    }

    func testPaddingDoesNotChangeRealTokens() throws {
        let model = try BertModel(config: BertConfig(vocabSize: 30, hiddenSize: 16, numHiddenLayers: 2, numAttentionHeads: 2), seed: 1)
        let short = try model.hiddenStates(inputIds: [1, 5, 7, 2], attentionMask: [1, 1, 1, 1], batch: 1, length: 4)
        let padded = try model.hiddenStates(inputIds: [1, 5, 7, 2, 9, 9], attentionMask: [1, 1, 1, 1, 0, 0], batch: 1, length: 6)
        assertClose(Array(padded[0..<64]), short, tolerance: 1e-6, "real-token states")
    }

    /// The last layer computed for a few output rows only (inference) gives those rows of the full forward,
    /// in the order asked, and the request is refused where a backward could follow.
    func testOutputRowsAreTheFullForwardsRows() throws {
        let config = BertConfig(vocabSize: 30, hiddenSize: 16, numHiddenLayers: 3, numAttentionHeads: 2, intermediateSize: 40)
        let model = try BertModel(config: config, seed: 8)
        let ids: [Int32] = [1, 5, 7, 2, 9, 3, 1, 4, 4, 8, 2, 0], mask: [Int32] = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]
        let full = try model.hiddenStates(inputIds: ids, attentionMask: mask, batch: 2, length: 6)
        let rows = [0, 2, 3, 7, 10]
        var rng = RandomGenerator(seed: 0)
        let cache = BertModel.Cache()
        let kept = try model.forward(inputIds: ids, attentionMask: mask, batch: 2, length: 6, keepForBackward: false,
                                     outputRows: rows, rng: &rng, cache: cache)
        XCTAssertEqual(kept.shape, [rows.count, 16])
        XCTAssertEqual(cache.outputRows, rows)
        for (r, row) in rows.enumerated() {
            assertClose(Array(kept.array[(r * 16)..<((r + 1) * 16)]), Array(full[(row * 16)..<((row + 1) * 16)]),
                        tolerance: 1e-6, "row \(row)")
        }
        XCTAssertThrowsError(try model.forward(inputIds: ids, attentionMask: mask, batch: 2, length: 6, outputRows: rows,
                                               rng: &rng, cache: cache), "a forward kept for backward keeps every row")
        XCTAssertThrowsError(try model.forward(inputIds: ids, attentionMask: mask, batch: 2, length: 6, keepForBackward: false,
                                               outputRows: [12], rng: &rng, cache: cache), "row outside batch × length")
    }

    func testEncoderGradientMatchesFiniteDifferencesWithTypesAndPadding() throws {
        var config = BertConfig(vocabSize: 20, hiddenSize: 12, numHiddenLayers: 2, numAttentionHeads: 3, intermediateSize: 20,
                                maxPositionEmbeddings: 8, hiddenDropoutProb: 0, attentionProbsDropoutProb: 0)
        config.initializerRange = 0.3
        let model = try BertModel(config: config, seed: 4)
        let ids: [Int32] = [1, 4, 6, 2, 3, 0, 8, 9, 2, 0], mask: [Int32] = [1, 1, 1, 1, 1, 0, 1, 1, 1, 0]
        let types: [Int32] = [0, 0, 1, 1, 1, 0, 0, 0, 1, 0]
        let r = randomArray(2 * 5 * 12, seed: 3)
        var rng = RandomGenerator(seed: 0)
        let cache = BertModel.Cache()
        func loss() throws -> Double {
            dot(try model.forward(inputIds: ids, attentionMask: mask, tokenTypeIds: types, batch: 2, length: 5, rng: &rng,
                                  cache: cache).data, r)
        }
        _ = try loss()
        model.store.zeroGrad()
        model.backward(dHidden: r, cache: cache)
        var pick = RandomGenerator(seed: 5)
        var a: [Float] = [], n: [Float] = []
        for p in model.store.parameters where !p.name.hasSuffix("key.bias") {
            let idx = (0..<3).map { _ in p.offset + pick.int(below: p.count) }
            a += idx.map { model.store.grads.data[$0] }
            n += try numericGradient(model.store.values.data, indices: idx, eps: 1e-2, loss: loss)
        }
        assertClose(a, n, tolerance: 1e-3, "encoder parameters")
    }

    func testLoadsCheckpointsWithBertPrefixAndGammaBetaNames() throws {
        let config = BertConfig(vocabSize: 10, hiddenSize: 8, numHiddenLayers: 1, numAttentionHeads: 2)
        let source = try BertModel(config: config, seed: 3)
        let renamed = source.store.namedTensors().map { (name, shape, p) in
            ("bert." + name.replacingOccurrences(of: "LayerNorm.weight", with: "LayerNorm.gamma")
                .replacingOccurrences(of: "LayerNorm.bias", with: "LayerNorm.beta"), shape, p)
        }
        let url = try temporaryFolder(self).appendingPathComponent("m.safetensors")
        try SafeTensors.write(renamed, to: url)
        let target = try BertModel(config: config, seed: 99)
        try target.loadWeights(from: SafeTensors(contentsOf: url))
        XCTAssertEqual(target.store.values.array, source.store.values.array)
        let small = try BertModel(config: BertConfig(vocabSize: 10, hiddenSize: 4, numHiddenLayers: 1, numAttentionHeads: 2), seed: 1)
        XCTAssertThrowsError(try small.loadWeights(from: SafeTensors(contentsOf: url)))
    }

    func testConfigDecodingAndPresets() throws {
        let json = #"{"vocab_size": 100, "hidden_size": 64, "num_hidden_layers": 3, "num_attention_heads": 4, "hidden_act": "gelu"}"#
        let c = try JSONDecoder().decode(BertConfig.self, from: Data(json.utf8))
        XCTAssertEqual(c.intermediateSize, 256)
        XCTAssertEqual(c.layerNormEps, 1e-12)
        XCTAssertEqual(BertConfig.preset(.small, vocabSize: 10).hiddenSize, 256)
        XCTAssertEqual(BertConfig.preset(.base, vocabSize: 10).numHiddenLayers, 12)
        var bad = c
        bad.hiddenAct = "relu"
        XCTAssertThrowsError(try bad.validate())
        bad = c
        bad.numAttentionHeads = 5
        XCTAssertThrowsError(try bad.validate())
    }
}
