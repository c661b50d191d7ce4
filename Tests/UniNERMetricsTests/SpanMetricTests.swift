import Testing
import UniNERCore
import UniNERMetrics

@Suite("SpanMetric")
struct SpanMetricTests {
    static func pair(_ spans: [Range<Int>]?, _ mentions: [Range<Int>]??) -> ScoredQuery {
        let query = EvaluationQuery(id: "q", dataset: "d", text: "Paris and London are cities", label: "city",
                                    answers: [], spans: spans?.map { CharacterSpan(start: $0.lowerBound, end: $0.upperBound) })
        let prediction = mentions.map { mentions in
            Prediction(id: "q", prediction: "[]",
                       mentions: mentions?.map { PredictedMention(text: "", start: $0.lowerBound, end: $0.upperBound) })
        }
        return ScoredQuery(query: query, prediction: prediction)
    }

    @Test("counts (query, span) pairs; missing mentions miss the gold; unknown gold spans are skipped")
    func micro() {
        let pairs = [
            Self.pair([0..<5, 10..<16], .some([0..<5, 11..<16])),  // 1 correct, 2 predicted, 2 gold
            Self.pair([3..<7], .some(nil)),                        // a prediction without mentions: 1 missed
            Self.pair([3..<7], nil),                               // no prediction: 1 missed
            Self.pair(nil, .some([0..<5])),                        // gold spans unknown: not scored
            Self.pair([], .some([1..<2, 1..<2])),                  // 1 spurious (repeats count once)
            Self.pair([2..<4, 2..<4], .some([2..<4])),             // 1 correct (repeats count once)
        ]
        let expected = officialRatios(correct: 2, predicted: 4, gold: 5)
        expectScore(SpanMetric().score(pairs), precision: expected.precision, recall: expected.recall, f1: expected.f1,
                    correct: 2, predicted: 4, gold: 5, queries: 5)
    }

    @Test("a query spans [0, 5) never matches the same offsets of another query")
    func perQuery() {
        let pairs = [Self.pair([0..<5], .some([])), Self.pair([], .some([0..<5]))]
        let score = SpanMetric().score(pairs)
        #expect(score.correct == 0 && score.predicted == 1 && score.gold == 1)
    }
}
