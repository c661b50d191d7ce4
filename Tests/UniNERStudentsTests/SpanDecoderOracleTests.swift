import Foundation
import XCTest
import UniNERCore
import UniNERNumerics
@testable import UniNERStudents

extension SpanEncoderPredictorTests {
    /// The oracle itself on a hand-checked table: spans (0,0) (0,1) (1,1) (2,2), two queries.
    func testOracleRulesOnAHandCheckedTable() {
        let scores = SpanScores(spans: [(0, 0), (0, 1), (1, 1), (2, 2)], queryCount: 2,
                                probs: [0.9, 0.1,   0.95, 0.6,   0.2, 0.7,   0.3, 0.55])
        func decode(_ mode: SpanDecoder.Mode) -> [[Int]] {
            SpanDecoderOracle.decode(scores, threshold: 0.5, mode: mode).map { [$0.start, $0.end, $0.query] }
        }
        XCTAssertEqual(decode(.threshold), [[0, 0, 0], [0, 1, 0], [0, 1, 1], [1, 1, 1], [2, 2, 1]])
        XCTAssertEqual(decode(.flat), [[0, 1, 0], [2, 2, 1]])
        XCTAssertEqual(decode(.nested), [[0, 0, 0], [0, 1, 0], [1, 1, 1], [2, 2, 1]])
    }

    /// On random score tables the predictor's joint decoding picks the oracle's mentions, in flat and nested modes.
    func testDecodeAgreesWithTheOracleOnRandomTables() async throws {
        let stage = try await trainedStage()
        let text = "a b c d e f g"
        let words = WordSplitter.words(in: text)
        var rng = RandomGenerator(seed: 17)
        for mode in [SpanDecoder.Mode.flat, .nested] {
            let predictor = try SpanEncoderPredictor(modelDirectory: stage, threshold: 0.5, decoding: mode)
            for _ in 0..<50 {
                let labels = 1 + rng.int(below: 3)
                var spans: [(start: Int, end: Int)] = []
                for i in 0..<words.count { for j in i..<min(words.count, i + 3) { spans.append((i, j)) } }
                let probs = (0..<(spans.count * labels)).map { _ in Float(rng.int(below: 1000)) / 1000 }
                let scores = SpanScores(spans: spans, queryCount: labels, probs: probs)
                var table = Array(repeating: [SpanEncoderPredictor.SpanKey: Float](), count: labels)
                for (s, span) in spans.enumerated() {
                    for q in 0..<labels where probs[s * labels + q] >= 0.5 {
                        table[q][SpanEncoderPredictor.SpanKey(start: span.start, end: span.end)] = probs[s * labels + q]
                    }
                }
                let got = predictor.decode(table, words: words, text: text, joint: true).enumerated().flatMap { q, found in
                    found.map { [q, $0.start / 2, $0.end / 2] }
                }.sorted { ($0[1], $0[2], $0[0]) < ($1[1], $1[2], $1[0]) }
                let expected = SpanDecoderOracle.decode(scores, threshold: 0.5, mode: mode).map { [$0.query, $0.start, $0.end] }
                XCTAssertEqual(got, expected, "\(mode)")
            }
        }
    }
}
