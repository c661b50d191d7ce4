import Foundation
import UniNERCore
import XCTest

/// A predictor that finds fixed strings (and one span over the join "Paris. Bob") in each text, with offsets.
private struct StringPredictor: Predictor {
    var names: [String: [String]]
    func predict(_ queries: [EvaluationQuery], context: RunContext) async throws -> [Prediction] {
        queries.map { query in
            var mentions: [PredictedMention] = []
            let scalars = Array(query.text.unicodeScalars)
            for name in names[query.label] ?? [] {
                let needle = Array(name.unicodeScalars)
                var i = 0
                while i + needle.count <= scalars.count {
                    if Array(scalars[i..<(i + needle.count)]) == needle {
                        mentions.append(PredictedMention(text: name, start: i, end: i + needle.count, score: 0.9))
                    }
                    i += 1
                }
            }
            mentions.sort { $0.start < $1.start }
            return Prediction(id: query.id, prediction: PythonJSONWriter.list(mentions.map(\.text)), mentions: mentions)
        }
    }
}

final class PassageJoinerTests: XCTestCase {
    func queries() -> [EvaluationQuery] {
        let texts = ["Ann lives in Paris.", "Bob visits Rome.", "Cy stays home.", "Di flies to Oslo."]
        return texts.enumerated().flatMap { i, text in
            ["person", "city"].map { EvaluationQuery(id: "\(i)-\($0)", dataset: "d", text: text, label: $0, answers: []) }
        }
    }

    func testMentionsGoBackToTheirSentencesWithShiftedOffsets() async throws {
        let predictor = StringPredictor(names: ["person": ["Ann", "Bob", "Cy", "Di"], "city": ["Paris", "Rome", "Oslo", "Paris. Bob"]])
        let context = RunContext(workDirectory: FileManager.default.temporaryDirectory)
        let outcome = try await PassageJoiner(size: 3).predict(queries(), with: predictor, context: context)
        XCTAssertEqual(outcome.passages, 2)
        XCTAssertEqual(outcome.crossing, 1, "'Paris. Bob' spans two sentences and belongs to neither")
        let byID = Dictionary(uniqueKeysWithValues: outcome.predictions.map { ($0.id, $0) })
        XCTAssertEqual(byID["0-city"]?.prediction, "[\"Paris\"]")
        XCTAssertEqual(byID["0-city"]?.mentions?.first.map { [$0.start, $0.end] }, [13, 18])
        XCTAssertEqual(byID["1-person"]?.mentions?.first.map { [$0.start, $0.end] }, [0, 3])
        XCTAssertEqual(byID["1-city"]?.mentions?.first.map { [$0.start, $0.end] }, [11, 15])
        XCTAssertEqual(byID["2-city"]?.prediction, "[]")
        XCTAssertEqual(byID["3-city"]?.prediction, "[\"Oslo\"]", "the second passage holds the fourth sentence alone")
        XCTAssertEqual(outcome.predictions.map(\.id), queries().map(\.id))
    }

    /// Passages of one sentence give what the predictor gives sentence by sentence.
    func testPassagesOfOneSentenceChangeNothing() async throws {
        let predictor = StringPredictor(names: ["person": ["Ann", "Bob"], "city": ["Rome"]])
        let context = RunContext(workDirectory: FileManager.default.temporaryDirectory)
        let joined = try await PassageJoiner(size: 1).predict(queries(), with: predictor, context: context)
        let direct = try await predictor.predict(queries(), context: context)
        XCTAssertEqual(joined.predictions, direct)
        XCTAssertEqual(joined.crossing, 0)
    }
}
