import Foundation
import XCTest
import UniNERCore
@testable import UniNERStudents

final class SpanEncoderStudentTests: XCTestCase {
    func testPreparedSequencesCarryAlignedSpansAndCounts() throws {
        let student = SpanEncoderStudent(options: try StudentFixtures.options(steps: 1))
        let tokenizer = try SpanEncoderStudent.loadTokenizer(try StudentFixtures.backbone())
        let encoder = SpanInputEncoder(tokenizer: tokenizer, maxTokens: 64)
        var examples = StudentFixtures.examples(layout: .perType)
        examples[0].queries.append(LabelQuery(label: "city", answers: ["Lyon"]))
        let perType = student.prepare(examples, encoder: encoder)
        XCTAssertEqual(perType.sequences.count, 13, "one pass per (passage, label)")
        XCTAssertEqual(perType.report["unaligned mentions"], 1)
        XCTAssertEqual(perType.report["negative queries"], 2)
        XCTAssertEqual(perType.sequences[0].queryPositions, [0])
        XCTAssertEqual(perType.sequences[0].positives.map { [$0.start, $0.end] }, [[0, 1], [5, 6]])
        let allInOne = student.prepare(StudentFixtures.examples(layout: .allInOne), encoder: encoder)
        XCTAssertEqual(allInOne.sequences.count, 4, "one pass per passage")
        XCTAssertEqual(allInOne.sequences[0].queryPositions.count, 3)
        XCTAssertEqual(allInOne.sequences[0].positives.map(\.query), [0, 0, 1])
        XCTAssertEqual(allInOne.layout, .allInOne)
    }

    func testTinyModelLossDecreases() async throws {
        let stage = try StudentFixtures.temporaryFolder()
        let student = SpanEncoderStudent(options: try StudentFixtures.options(steps: 12))
        let report = try await student.train(StudentFixtures.examples(layout: .perType), into: stage,
                                             context: StudentFixtures.context(stage)).report
        let losses = try StudentFixtures.losses(stage)
        XCTAssertEqual(losses.count, 12)
        XCTAssertEqual(report["steps"], 12)
        XCTAssertLessThan(losses.suffix(3).reduce(0, +), 0.5 * losses.prefix(3).reduce(0, +), "losses: \(losses)")
    }

    func testKilledRunResumesToTheSameLossesAndWeights() async throws {
        let examples = StudentFixtures.examples(layout: .allInOne)
        let straight = try StudentFixtures.temporaryFolder()
        _ = try await SpanEncoderStudent(options: try StudentFixtures.options(steps: 6, checkpointEvery: 2))
            .train(examples, into: straight, context: StudentFixtures.context(straight))

        let resumed = try StudentFixtures.temporaryFolder()
        var killed = SpanEncoderStudent(options: try StudentFixtures.options(steps: 6, checkpointEvery: 2))
        killed.interruptAfterSteps = 3   // dies one step after the checkpoint of step 2
        do {
            _ = try await killed.train(examples, into: resumed, context: StudentFixtures.context(resumed))
            XCTFail("the interrupted run should not finish")
        } catch is SpanEncoderStudent.Interrupted {}
        XCTAssertTrue(FileManager.default.fileExists(atPath: resumed.appendingPathComponent("checkpoint/trainer_state.json").path))
        let report = try await SpanEncoderStudent(options: try StudentFixtures.options(steps: 6, checkpointEvery: 2))
            .train(examples, into: resumed, context: StudentFixtures.context(resumed)).report
        XCTAssertEqual(report["resumed at step"], 2)
        XCTAssertEqual(try StudentFixtures.losses(resumed), try StudentFixtures.losses(straight))
        let a = try Data(contentsOf: straight.appendingPathComponent("model/model.safetensors"))
        let b = try Data(contentsOf: resumed.appendingPathComponent("model/model.safetensors"))
        XCTAssertEqual(a, b, "same weights after resuming")
        XCTAssertFalse(FileManager.default.fileExists(atPath: resumed.appendingPathComponent("checkpoint").path))
    }
}
