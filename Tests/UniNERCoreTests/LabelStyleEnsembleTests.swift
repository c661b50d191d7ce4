import Foundation
import UniNERCore
import XCTest

/// Names a type in upper case, standing for a style that asks by something other than the type's name.
private struct ShoutStyle: PromptStyle {
    let name = "shout"
    func teacherMessages(for passage: Passage) -> [ChatMessage] { [] }
    func label(forType type: String) throws -> String { type.uppercased() }
}

private struct NameStyle: PromptStyle {
    let name = "type"
    func teacherMessages(for passage: Passage) -> [ChatMessage] { [] }
    func label(forType type: String) throws -> String { type }
}

/// Answers fixed (start, end, score) mentions per label, and records what it was asked.
private final class FixedPredictor: Predictor, @unchecked Sendable {
    let answers: [String: [(Int, Int, Double)]]
    let offsets: Bool
    private(set) var asked: [EvaluationQuery] = []
    init(_ answers: [String: [(Int, Int, Double)]], offsets: Bool = true) {
        self.answers = answers
        self.offsets = offsets
    }
    func predict(_ queries: [EvaluationQuery], context: RunContext) async throws -> [Prediction] {
        asked += queries
        return queries.map { query in
            let scalars = Array(query.text.unicodeScalars)
            let mentions = (answers[query.label] ?? []).map { start, end, score in
                PredictedMention(text: String(String.UnicodeScalarView(scalars[start..<end])), start: start, end: end, score: score)
            }
            return Prediction(id: query.id, prediction: PythonJSONWriter.list(mentions.map(\.text)),
                              mentions: offsets ? mentions : nil)
        }
    }
}

final class LabelStyleEnsembleTests: XCTestCase {
    let context = RunContext(workDirectory: FileManager.default.temporaryDirectory)
    let text = "Ada Lovelace met Babbage in London"

    func query(_ id: String, _ label: String) -> EvaluationQuery {
        EvaluationQuery(id: id, dataset: "d", text: text, label: label, answers: [])
    }

    func testEveryStyleIsAskedAndTheAnswersAreMergedHigherScoreFirst() async throws {
        let base = FixedPredictor([
            // By name: "Ada" alone (0.6) and "Babbage" (0.7).
            "person": [(0, 3, 0.6), (17, 24, 0.7)],
            // By the other naming: "Ada Lovelace" (0.8) overlaps "Ada" and wins; "Babbage" again, lower.
            "PERSON": [(0, 12, 0.8), (17, 24, 0.55)],
            "city": [(28, 34, 0.9)],
        ])
        let ensemble = LabelStyleEnsemble(base: base, styles: [NameStyle(), ShoutStyle()],
                                          typeOfLabel: ["person": "person", "city": "city"])
        let predictions = try await ensemble.predict([query("q1", "person"), query("q2", "city")], context: context)
        XCTAssertEqual(base.asked.map(\.label), ["person", "city", "PERSON", "CITY"], "one predictor call, every style")
        XCTAssertEqual(Set(base.asked.map(\.id)).count, 4, "the asked ids are distinct")
        XCTAssertEqual(predictions.map(\.id), ["q1", "q2"])
        XCTAssertEqual(predictions[0].prediction, "[\"Ada Lovelace\", \"Babbage\"]")
        XCTAssertEqual(predictions[0].mentions?.map(\.score), [0.8, 0.7], "each span keeps its best style's score")
        XCTAssertEqual(predictions[1].prediction, "[\"London\"]", "a style that finds nothing takes nothing away")
    }

    func testOneStyleGivesWhatThePredictorGives() async throws {
        let base = FixedPredictor(["person": [(0, 3, 0.6), (17, 24, 0.7)]])
        let ensemble = LabelStyleEnsemble(base: base, styles: [NameStyle()], typeOfLabel: [:])
        let merged = try await ensemble.predict([query("q1", "person")], context: context)
        let direct = try await FixedPredictor(["person": [(0, 3, 0.6), (17, 24, 0.7)]]).predict([query("q1", "person")], context: context)
        XCTAssertEqual(merged, direct)
    }

    func testTheFirstStylesLabelIsMappedBackToItsType() async throws {
        // Queries named by the shouting style: the second style (by name) must be asked "person", not "PERSON".
        let base = FixedPredictor(["person": [(17, 24, 0.7)]])
        let ensemble = LabelStyleEnsemble(base: base, styles: [ShoutStyle(), NameStyle()], typeOfLabel: ["PERSON": "person"])
        let predictions = try await ensemble.predict([query("q1", "PERSON")], context: context)
        XCTAssertEqual(base.asked.map(\.label), ["PERSON", "person"])
        XCTAssertEqual(predictions[0].prediction, "[\"Babbage\"]")
    }

    func testAPredictorWithoutOffsetsIsRefusedWithWhatToDo() async throws {
        let ensemble = LabelStyleEnsemble(base: FixedPredictor(["person": [(0, 3, 0.6)]], offsets: false),
                                          styles: [NameStyle(), ShoutStyle()], typeOfLabel: [:])
        do {
            _ = try await ensemble.predict([query("q1", "person")], context: context)
            XCTFail("merged answers need offsets")
        } catch let error as UniNERError {
            XCTAssertTrue(error.help?.contains("label_styles") == true, error.help ?? "")
        }
    }
}
