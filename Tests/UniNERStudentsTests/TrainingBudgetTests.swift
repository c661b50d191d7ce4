import Foundation
import XCTest
import UniNERCore
@testable import UniNERStudents

/// Budgets that do not depend on the machine: `examples` ends training after a count of sequences seen, the
/// schedule is planned for it, and equal seeds give equal weights; the saved positive weight corrects scores.
final class TrainingBudgetTests: XCTestCase {
    func testAnExampleBudgetCountsThePlansOwnBatches() {
        // Lengths 10 and 100 with batch_tokens 150: a batch holding a long sequence is split into single ones.
        let plan = BatchPlan(lengths: [10, 10, 10, 10, 100, 100], batch: 2, maxTokens: 150, seed: 3)
        let batches = plan.batches(epoch: 0)
        var seen = 0, micro = 0
        while seen < 5 { seen += batches[micro].count; micro += 1 }
        XCTAssertEqual(SpanEncoderStudent.steps(toSee: 5, plan: plan, gradAccum: 1), micro)
        XCTAssertEqual(SpanEncoderStudent.steps(toSee: 5, plan: plan, gradAccum: 2), (micro + 1) / 2)
        // 6 sequences per epoch: 12 examples are two epochs' batches.
        XCTAssertEqual(SpanEncoderStudent.steps(toSee: 12, plan: plan, gradAccum: 1), 2 * batches.count)
        let seenTwo = SpanEncoderStudent.seen(steps: 2 * batches.count, plan: plan, gradAccum: 1)
        XCTAssertEqual(seenTwo.sequences, 12)
        XCTAssertEqual(seenTwo.tokens, 2 * 240)
        XCTAssertEqual(seenTwo.epochs, 2)
    }

    func testAnExampleBudgetSetsTheStepsAndEqualSeedsGiveEqualWeights() async throws {
        var options = try StudentFixtures.options(steps: 1000)
        options.maxSteps = nil
        options.examples = 10
        let examples = StudentFixtures.examples(layout: .perType)
        var weights: [Data] = []
        for _ in 0..<2 {
            let stage = try StudentFixtures.temporaryFolder()
            let report = try await SpanEncoderStudent(options: options).train(examples, into: stage,
                                                                             context: StudentFixtures.context(stage)).report
            XCTAssertEqual(report["planned steps"], report["steps"])
            XCTAssertGreaterThanOrEqual(report["sequences seen"], 10)
            XCTAssertLessThan(report["sequences seen"] - Double(options.batch), 10, "stops at the step reaching 10")
            weights.append(try Data(contentsOf: stage.appendingPathComponent("model/model.safetensors")))
        }
        XCTAssertEqual(weights[0], weights[1], "same seed and threads: bit-identical weights")
    }

    func testScoresAreCorrectedForTheSavedPositiveWeight() {
        var info = SpanEncoderModelInfo(layout: .perType, maxTokens: 64, marker: "[unused0]", threshold: 0.5,
                                        decoding: .flat, steps: 1, positiveWeight: 20)
        // Odds multiplied by 20 are divided back: p = 20/21 (odds 20) is even odds.
        XCTAssertEqual(info.corrected(20.0 / 21.0), 0.5, accuracy: 1e-6)
        XCTAssertEqual(info.corrected(0.5), 1.0 / 21.0, accuracy: 1e-6)
        info.positiveWeight = nil   // a model saved before the field: scores as they are
        XCTAssertEqual(info.corrected(0.3), 0.3)
    }
}
