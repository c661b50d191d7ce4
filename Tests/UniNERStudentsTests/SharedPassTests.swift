import Foundation
import XCTest
import UniNERCore
import UniNERNumerics
@testable import UniNERStudents

/// The shared-pass per-type layout: one encoder pass per text, each type answered as if asked alone.
final class SharedPassTests: XCTestCase {
    func testLayoutPutsTheTypesAfterTheTextInTheirOwnBlocksAtTheSamePositions() throws {
        let encoder = try SpanInputEncoder(folder: StudentFixtures.backbone(), maxTokens: 64)
        let words = ["Marie", "Curie", "worked", "in", "Paris", "."]
        let passage = encoder.passage(words: words)
        let built = SharedPassLayout.sequence(encoder, labels: ["person", "programming language"], dataset: nil,
                                              passage: passage, window: 0..<words.count,
                                              positives: [(query: 0, span: 0...1), (query: 1, span: 4...4)])
        let s = built.sequence
        let textLength = 1 + passage.ids.count + 1
        XCTAssertEqual(s.ids[0], Int32(encoder.tokenizer.clsID))
        XCTAssertEqual(s.ids[textLength - 1], Int32(encoder.tokenizer.sepID))
        XCTAssertEqual(s.wordFirst.first, 1)
        XCTAssertEqual(s.queryPositions, [textLength, textLength + 2])   // "person" is one piece
        XCTAssertEqual(s.queryPositions.map { s.ids[$0] }, [Int32(encoder.markerID), Int32(encoder.markerID)])
        XCTAssertEqual(s.blocks, Array(repeating: 1, count: textLength) + [2, 2] + Array(repeating: 3, count: s.count - textLength - 2))
        // both blocks start right after the text
        XCTAssertEqual(s.positions?[textLength], Int32(textLength))
        XCTAssertEqual(s.positions?[textLength + 2], Int32(textLength))
        XCTAssertEqual(s.positives, [SpanTarget(query: 0, start: 0, end: 1), SpanTarget(query: 1, start: 4, end: 4)])
        XCTAssertEqual(built.dropped, 0)
        // the batch carries the blocks as the mask and the positions
        let batch = encoder.batch([s])
        XCTAssertEqual(batch.attentionMask, s.blocks)
        XCTAssertEqual(batch.positionIds, s.positions)
    }

    /// A type's span scores do not depend on which other types share its pass, and the text's pass is one.
    func testEachTypeIsAnsweredAsIfAskedAlone() throws {
        let folder = try StudentFixtures.backbone()
        let encoder = try SpanInputEncoder(folder: folder, maxTokens: 128)
        let model = try SpanModel(encoderFolder: folder, seed: 3)
        let words = StudentFixtures.texts[0].split(separator: " ").map(String.init)
        let passage = encoder.passage(words: words)
        func probs(_ labels: [String]) throws -> (probs: [Float], queries: Int) {
            let s = SharedPassLayout.sequence(encoder, labels: labels, dataset: "toy", passage: passage, window: 0..<words.count).sequence
            let scores = try model.predict(encoder.batch([s]))[0]
            return (scores.probs, scores.queryCount)
        }
        let alone = try probs(["person"])
        let shared = try probs(["location", "person", "award ceremony"])
        XCTAssertEqual(shared.queries, 3)
        let spans = alone.probs.count
        var worst: Float = 0
        for span in 0..<spans { worst = max(worst, abs(alone.probs[span] - shared.probs[span * 3 + 1])) }
        XCTAssertLessThan(worst, 1e-5, "person asked alone vs with two other types")
        XCTAssertGreaterThan(spans, 10, "every span of up to max_width words is scored")
    }

    func testASharedPassStudentTrainsSavesAndPredictsEveryTypeInOnePass() async throws {
        let stage = try StudentFixtures.temporaryFolder()
        var options = try StudentFixtures.options(steps: 40, lr: 2e-3)
        options.sharedPass = true
        let artifact = try await SpanEncoderStudent(options: options)
            .train(StudentFixtures.examples(layout: .perType), into: stage, context: StudentFixtures.context(stage))
        XCTAssertEqual(artifact.info["layout"], "per-type (shared pass)")
        XCTAssertEqual(artifact.report.counters["sequences"], 4, "one sequence per sentence, not per (sentence, type)")
        let predictor = try SpanEncoderPredictor(modelDirectory: stage, threshold: 0.5)
        XCTAssertTrue(predictor.info.isSharedPass)
        XCTAssertEqual(predictor.labelChunks(["person", "location", "organization"], dataset: nil), [[0, 1, 2]])
        let predictions = try predictor.predictQueries(StudentFixtures.queries())
        XCTAssertEqual(predictions[0].prediction, "[\"Barack Obama\", \"Angela Merkel\"]")
        XCTAssertEqual(predictions[1].prediction, "[\"Paris\"]")
        XCTAssertEqual(predictions[5].prediction, "[\"Microsoft\"]")
        // each label is decoded on its own (per-type): the same answers asked one label at a time
        let one = try predictor.predictQueries(StudentFixtures.queries(labels: ["location"]))
        XCTAssertEqual(one.map(\.prediction), stride(from: 1, to: predictions.count, by: 3).map { predictions[$0].prediction })
    }

    func testExportRefusesASharedPassModelWithWhatToDo() throws {
        let info = SpanEncoderModelInfo(layout: .perType, maxTokens: 64, marker: "[unused1]", threshold: 0.5, decoding: .flat,
                                        steps: 1, sharedPass: true)
        let error = try XCTUnwrap(StudentFixtures.exportError(for: info))
        XCTAssertTrue("\(error)".contains("shared-pass"), "\(error)")
    }
}
