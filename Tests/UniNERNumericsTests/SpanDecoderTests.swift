import XCTest
@testable import UniNERNumerics

final class SpanDecoderTests: XCTestCase {
    // Spans (0,0) (0,1) (1,1) (2,2), two queries.
    let scores = SpanScores(spans: [(0, 0), (0, 1), (1, 1), (2, 2)], queryCount: 2,
                            probs: [0.9, 0.1,   0.95, 0.6,   0.2, 0.7,   0.3, 0.55])

    func testThresholdKeepsEveryPairAbove() {
        let got = SpanDecoder.decode(scores, threshold: 0.5, mode: .threshold).map { [$0.start, $0.end, $0.query] }
        XCTAssertEqual(got, [[0, 0, 0], [0, 1, 0], [0, 1, 1], [1, 1, 1], [2, 2, 1]])
    }

    func testFlatIsGreedyAndNonOverlapping() {
        let got = SpanDecoder.decode(scores, threshold: 0.5, mode: .flat).map { [$0.start, $0.end, $0.query] }
        XCTAssertEqual(got, [[0, 1, 0], [2, 2, 1]])
    }

    func testNestedAllowsContainmentButOneLabelPerSpan() {
        let got = SpanDecoder.decode(scores, threshold: 0.5, mode: .nested).map { [$0.start, $0.end, $0.query] }
        XCTAssertEqual(got, [[0, 0, 0], [0, 1, 0], [1, 1, 1], [2, 2, 1]])
    }
}
