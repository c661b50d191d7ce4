import Foundation
import XCTest
import UniNERCore
import UniNERNumerics
@testable import UniNERStudents

final class SpanEncoderPredictorTests: XCTestCase {
    /// A tiny all-in-one model overfitted on the fixtures, trained once for the tests of this file.
    nonisolated(unsafe) static var trained: URL?

    func trainedStage() async throws -> URL {
        if let url = Self.trained { return url }
        let stage = try StudentFixtures.temporaryFolder()
        _ = try await SpanEncoderStudent(options: try StudentFixtures.options(steps: 40, lr: 2e-3))
            .train(StudentFixtures.examples(layout: .allInOne), into: stage, context: StudentFixtures.context(stage))
        Self.trained = stage
        return stage
    }

    func testOfficialAnswerStringsAndOffsets() async throws {
        let stage = try await trainedStage()
        let predictor = try SpanEncoderPredictor(modelDirectory: stage, threshold: 0.5)
        let queries = StudentFixtures.queries()
        let predictions = try await predictor.predict(queries, context: StudentFixtures.context(stage))
        XCTAssertEqual(predictions.map(\.id), queries.map(\.id))
        XCTAssertEqual(predictions[0].prediction, "[\"Barack Obama\", \"Angela Merkel\"]")
        XCTAssertEqual(predictions[0].mentions?.map { [$0.start, $0.end] }, [[0, 12], [32, 45]])
        XCTAssertEqual(predictions[1].prediction, "[\"Paris\"]")
        XCTAssertEqual(predictions[2].prediction, "[]")
        XCTAssertEqual(predictions[5].prediction, "[\"Microsoft\"]")
        for (query, prediction) in zip(queries, predictions) {
            for mention in prediction.mentions ?? [] {
                XCTAssertEqual(query.text.unicodeScalarSlice(mention.start, mention.end), mention.text)
                XCTAssertGreaterThanOrEqual(mention.score ?? 0, 0.5)
            }
        }
    }

    func testSavedModelReloadsElsewhereWithIdenticalOutputs() async throws {
        let stage = try await trainedStage()
        let elsewhere = try StudentFixtures.temporaryFolder().appendingPathComponent("copied")
        try FileManager.default.copyItem(at: stage.appendingPathComponent("model"), to: elsewhere)
        let queries = StudentFixtures.queries()
        let a = try SpanEncoderPredictor(modelDirectory: stage, threshold: 0.2).predictQueries(queries)
        let b = try SpanEncoderPredictor(modelDirectory: elsewhere, threshold: 0.2).predictQueries(queries)
        XCTAssertEqual(a, b)
        XCTAssertGreaterThan(a.reduce(0) { $0 + ($1.mentions?.count ?? 0) }, 0)
    }

    func testLongTextGoesThroughOverlappingWindows() async throws {
        let stage = try await trainedStage()
        let predictor = try SpanEncoderPredictor(modelDirectory: stage, threshold: 0.5)
        // 64-token passes cannot hold this text: the windows must find the name at both ends.
        let filler = Array(repeating: StudentFixtures.texts[1], count: 10).joined(separator: " ")
        let text = StudentFixtures.texts[3] + " " + filler + " " + StudentFixtures.texts[3]
        let query = EvaluationQuery(id: "long", dataset: "toy", text: text, label: "person", answers: [])
        let mentions = try predictor.predictQueries([query])[0].mentions ?? []
        let last = text.unicodeScalars.count - StudentFixtures.texts[3].unicodeScalars.count + "Google hired ".count
        // The overfitted model may add spans of the unseen joins between sentences; the two names must be found.
        XCTAssertTrue(mentions.contains { $0.text == "Alan Turing" && $0.start == 13 }, "\(mentions)")
        XCTAssertTrue(mentions.contains { $0.text == "Alan Turing" && $0.start == last }, "\(mentions)")
        XCTAssertEqual(mentions.map(\.start), mentions.map(\.start).sorted())
    }

    func testSavedModelPredictorPluginMatchesTheStudentsPredictor() async throws {
        let stage = try await trainedStage()
        let json = "{\"model\": \"\(stage.path)\", \"threshold\": 0.2}"
        let plugin = SavedModelPredictor(options: try JSONDecoder().decode(SavedModelPredictor.Options.self, from: Data(json.utf8)))
        let queries = StudentFixtures.queries()
        let viaPlugin = try await plugin.predict(queries, context: StudentFixtures.context(stage))
        let direct = try SpanEncoderPredictor(modelDirectory: stage, threshold: 0.2).predictQueries(queries)
        XCTAssertEqual(viaPlugin, direct)
        let bad = "{\"model\": \"x\", \"decoding\": \"greedy\"}"
        XCTAssertThrowsError(try JSONDecoder().decode(SavedModelPredictor.Options.self, from: Data(bad.utf8))) {
            XCTAssertEqual(($0 as? InvalidOption)?.key, "decoding")
        }
    }

    func testFlatAndNestedDecoding() async throws {
        let stage = try await trainedStage()
        let text = "University of Tokyo Press"
        let words = WordSplitter.words(in: text)
        typealias Key = SpanEncoderPredictor.SpanKey
        // label 0: "University of Tokyo Press" 0.9, "Tokyo" 0.8, "of Tokyo Press" 0.7 (nests in the whole and holds
        // "Tokyo"); label 1: "Tokyo" 0.85, which wins the span over label 0 when labels compete (joint)
        let table: [[Key: Float]] = [[Key(start: 0, end: 3): 0.9, Key(start: 2, end: 2): 0.8, Key(start: 1, end: 3): 0.7],
                                     [Key(start: 2, end: 2): 0.85]]
        func texts(_ mode: SpanDecoder.Mode, joint: Bool) throws -> [[String]] {
            try SpanEncoderPredictor(modelDirectory: stage, decoding: mode)
                .decode(table, words: words, text: text, joint: joint).map { $0.map(\.text) }
        }
        XCTAssertEqual(try texts(.flat, joint: true), [["University of Tokyo Press"], []])
        XCTAssertEqual(try texts(.flat, joint: false), [["University of Tokyo Press"], ["Tokyo"]])
        XCTAssertEqual(try texts(.nested, joint: true), [["University of Tokyo Press", "of Tokyo Press"], ["Tokyo"]])
        XCTAssertEqual(try texts(.nested, joint: false),
                       [["University of Tokyo Press", "of Tokyo Press", "Tokyo"], ["Tokyo"]])
    }

    func testLabelsCompeteDecidesWhetherTypesShareASpan() async throws {
        let stage = try await trainedStage()
        let queries = StudentFixtures.queries()
        // At threshold 0 every span qualifies for every label: decoded alone, each label tiles its text, so the
        // labels must overlap; competing, every word goes to one label at most.
        let alone = try SpanEncoderPredictor(modelDirectory: stage, threshold: 0, labelsCompete: false)
        let competing = try SpanEncoderPredictor(modelDirectory: stage, threshold: 0)
        XCTAssertFalse(alone.labelsCompete)
        XCTAssertTrue(competing.labelsCompete, "an all-in-one model's labels compete unless told otherwise")
        func overlaps(_ predictions: [Prediction]) -> Int {
            var count = 0
            for text in Set(queries.map(\.text)) {
                let mentions = zip(queries, predictions).filter { $0.0.text == text }.flatMap { $0.1.mentions ?? [] }
                for (i, a) in mentions.enumerated() {
                    for b in mentions[(i + 1)...] where a.start < b.end && b.start < a.end { count += 1 }
                }
            }
            return count
        }
        let apart = try alone.predictQueries(queries), joint = try competing.predictQueries(queries)
        XCTAssertGreaterThan(overlaps(apart), 0)
        XCTAssertEqual(overlaps(joint), 0)
        let json = "{\"model\": \"\(stage.path)\", \"threshold\": 0, \"labels_compete\": false}"
        let plugin = SavedModelPredictor(options: try JSONDecoder().decode(SavedModelPredictor.Options.self, from: Data(json.utf8)))
        let viaPlugin = try await plugin.predict(queries, context: StudentFixtures.context(stage))
        XCTAssertEqual(viaPlugin, apart)
        // The student's option: absent means the layout decides; it only shapes predictions, never the training key.
        let student = try JSONDecoder().decode(SpanEncoderOptions.self, from: Data("{\"labels_compete\": false}".utf8))
        XCTAssertEqual(student.labelsCompete, false)
        XCTAssertNil(try JSONDecoder().decode(SpanEncoderOptions.self, from: Data("{}".utf8)).labelsCompete)
        XCTAssertTrue(SpanEncoderStudent(options: student).inferenceOnlyOptions.contains("labels_compete"))
    }

    func testWindowsCoverEveryWordWithinBudget() {
        let ranges = (0..<10).map { $0 * 2..<($0 * 2 + 2) }   // 10 words of 2 tokens
        let windows = SpanInputEncoder.windows(ranges: ranges, budget: 6, overlap: 1)
        XCTAssertEqual(windows, [0..<3, 2..<5, 4..<7, 6..<9, 8..<10])
    }
}
