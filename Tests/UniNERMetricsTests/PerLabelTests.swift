import UniNERCore
import UniNERMetrics
import XCTest

final class PerLabelTests: XCTestCase {
    /// Two sentences × three labels, with misses, spurious and partial matches, and one query without offsets.
    static let pairs: [ScoredQuery] = {
        func query(_ id: Int, _ text: String, _ label: String, _ answers: [String], spans: [CharacterSpan]?) -> EvaluationQuery {
            EvaluationQuery(id: "d_\(id)", dataset: "d", text: text, label: label, answers: answers, spans: spans)
        }
        func prediction(_ id: Int, _ list: String, _ mentions: [(Int, Int)]) -> Prediction {
            Prediction(id: "d_\(id)", prediction: list, mentions: mentions.map { PredictedMention(text: "", start: $0.0, end: $0.1) })
        }
        let first = "Alan Turing visited New York City in 1950"
        let second = "Grace Hopper and Alan met in Boston"
        return [
            ScoredQuery(query: query(0, first, "person", ["Alan Turing"], spans: [CharacterSpan(start: 0, end: 11)]),
                        prediction: prediction(0, "[\"Alan Turing\"]", [(0, 11)])),
            ScoredQuery(query: query(1, first, "location", ["New York City"], spans: [CharacterSpan(start: 20, end: 33)]),
                        prediction: prediction(1, "[\"New York\", \"1950\"]", [(20, 28), (37, 41)])),
            ScoredQuery(query: query(2, first, "date", ["1950"], spans: nil), prediction: nil),
            ScoredQuery(query: query(3, second, "person", ["Grace Hopper", "Alan"],
                                     spans: [CharacterSpan(start: 0, end: 12), CharacterSpan(start: 17, end: 21)]),
                        prediction: prediction(3, "[\"Grace\", \"Alan\", \"Bob\"]", [(17, 21)])),
            ScoredQuery(query: query(4, second, "location", ["Boston"], spans: [CharacterSpan(start: 29, end: 35)]),
                        prediction: prediction(4, "[]", [])),
            ScoredQuery(query: query(5, second, "date", [], spans: []), prediction: prediction(5, "[\"1950\"]", [])),
        ]
    }()

    func testPerLabelAndPerSentenceCountsSumToTheDatasetTotals() {
        let metrics: [any Metric] = [StrictMetric(), PartialMetric(), SpanMetric()]
        for metric in metrics {
            let total = metric.score(Self.pairs)
            let labels = metric.perLabel(Self.pairs)
            XCTAssertEqual(Set(labels.keys), ["person", "location", "date"], metric.name)
            XCTAssertEqual(labels.values.map(\.correct).reduce(0, +), total.correct, metric.name)
            XCTAssertEqual(labels.values.map(\.predicted).reduce(0, +), total.predicted, metric.name)
            XCTAssertEqual(labels.values.map(\.gold).reduce(0, +), total.gold, metric.name)
            XCTAssertEqual(labels.values.map(\.queries).reduce(0, +), total.queries, metric.name)
            let sentences = metric.perSentence(Self.pairs)
            XCTAssertEqual(sentences.count, 2, metric.name)
            let summed = sentences.reduce(MetricCounts.zero, +)
            XCTAssertEqual(MetricScore(summed), total, "scoring summed sentence counts is the dataset's score (\(metric.name))")
            let breakdown = metric.breakdown(Self.pairs)
            XCTAssertEqual(breakdown.score, total, metric.name)
            XCTAssertEqual(breakdown.perLabel, labels, metric.name)
            XCTAssertEqual(breakdown.perSentence, sentences, metric.name)
        }
    }

    func testPerLabelValues() throws {
        let strict = StrictMetric().perLabel(Self.pairs)
        let person = try XCTUnwrap(strict["person"])
        XCTAssertEqual([person.correct, Double(person.predicted), Double(person.gold)], [2, 4, 3])
        XCTAssertEqual(person.f1, 2 * 0.5 * (2.0 / 3) / (0.5 + 2.0 / 3), accuracy: 1e-8)
        let location = try XCTUnwrap(strict["location"])
        XCTAssertEqual([location.correct, Double(location.predicted), Double(location.gold)], [0, 2, 2])
        // "New York" shares words with "New York City", "Grace" with "Grace Hopper": half a true positive each.
        let partial = PartialMetric().perLabel(Self.pairs)
        XCTAssertEqual(partial["location"]?.correct, 0.5)
        XCTAssertEqual(partial["person"]?.correct, 2.5)
        let span = SpanMetric().perLabel(Self.pairs)
        XCTAssertEqual(span["date"]?.queries, 1, "the date query without offsets is not scored by the span metric")
        XCTAssertEqual(span["person"].map { [$0.correct, Double($0.predicted), Double($0.gold)] }, [2, 2, 3])
    }

    func testScoresAreThoseOfTheOfficialFormulaOverSummedCounts() {
        let strict = StrictMetric().score(Self.pairs)
        // correct 2 (person) + 0; predicted 1+2+0+3+0+1 = 7; gold 1+1+1+2+1+0 = 6
        XCTAssertEqual(strict, MetricScore.micro(correct: 2, predicted: 7, gold: 6, queries: 6))
    }
}
