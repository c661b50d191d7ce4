import XCTest
import UniNERNumerics

/// The span loss with `positiveWeight` (the student's `positive_weight`): (Σ negatives + w Σ positives) / pairs.
final class PositiveWeightTests: XCTestCase {
    func loss(weight: Float, positives: Bool) throws -> Double {
        let encoder = BertConfig.preset(.tiny, vocabSize: 200)
        let model = try SpanModel(config: SpanModelConfig(encoder: encoder, maxSpanWidth: 3, positiveWeight: weight), seed: 9)
        var batch = Benchmark.syntheticBatch(batch: 2, length: 16, vocabSize: 200, queries: 2, seed: 4)
        if !positives { batch.positives = [[], []] }
        var rng = RandomGenerator(seed: 1)
        return try model.forward(batch, training: false, rng: &rng).loss
    }

    func testLossIsLinearInThePositiveWeight() throws {
        let l1 = try loss(weight: 1, positives: true), l2 = try loss(weight: 2, positives: true), l3 = try loss(weight: 3, positives: true)
        XCTAssertGreaterThan(l2, l1)
        XCTAssertEqual(l3 - l2, l2 - l1, accuracy: 1e-6 * l3)
        XCTAssertEqual(try loss(weight: 5, positives: false), try loss(weight: 1, positives: false), accuracy: 1e-12)
    }

    func testOlderConfigsWithoutTheKeyLoadWithWeightOne() throws {
        let json = try JSONEncoder().encode(SpanModelConfig(encoder: BertConfig.preset(.tiny, vocabSize: 50)))
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: json) as? [String: Any])
        object.removeValue(forKey: "positiveWeight")
        let decoded = try JSONDecoder().decode(SpanModelConfig.self, from: JSONSerialization.data(withJSONObject: object))
        XCTAssertEqual(decoded.positiveWeight, 1)
    }
}
