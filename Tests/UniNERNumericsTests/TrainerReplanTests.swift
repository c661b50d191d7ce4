import Foundation
import XCTest
@testable import UniNERNumerics

/// `Trainer.replan` changes the schedule in place: the run continues as one resumed from a checkpoint whose
/// schedule was edited (the way the student re-planned before), with the same losses and learning rates.
final class TrainerReplanTests: XCTestCase {
    func testReplanningInPlaceMatchesResumingAnEditedCheckpoint() throws {
        let config = TrainerConfig(headLearningRate: 3e-3, encoderLearningRate: 1e-3, warmupSteps: 4, totalSteps: 20,
                                   decay: .linear, seed: 11)
        func run(_ trainer: Trainer, from: Int, to: Int) throws -> [StepReport] {
            try (from..<to).map { s in try trainer.step([Synthetic.batch(seed: UInt64(100 + s))]) }
        }
        let inPlace = Trainer(model: try SpanModel(config: Synthetic.config(dropout: 0.1), seed: 5), config: config)
        _ = try run(inPlace, from: 0, to: 2)
        // The oracle: write a checkpoint, edit its schedule, read it back.
        let dir = try temporaryFolder(self).appendingPathComponent("ckpt")
        try inPlace.saveCheckpoint(to: dir)
        let url = dir.appendingPathComponent("trainer_state.json")
        var state = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var edited = try XCTUnwrap(state["config"] as? [String: Any])
        edited["totalSteps"] = 8
        edited["warmupSteps"] = 3
        state["config"] = edited
        try JSONSerialization.data(withJSONObject: state).write(to: url)
        let resumed = try Trainer.resume(from: dir)

        inPlace.replan(totalSteps: 8, warmupSteps: 3)
        XCTAssertEqual(inPlace.config, resumed.config)
        let a = try run(inPlace, from: 2, to: 8), b = try run(resumed, from: 2, to: 8)
        XCTAssertEqual(a.map(\.loss), b.map(\.loss))
        XCTAssertEqual(a.map(\.learningRate), b.map(\.learningRate))
        let schedule = LearningRateSchedule(peak: 3e-3, warmupSteps: 3, totalSteps: 8, decay: .linear)
        for report in a { XCTAssertEqual(report.learningRate, 3e-3 * schedule.factor(step: report.step), accuracy: 1e-9) }
        XCTAssertEqual(a.last?.learningRate ?? -1, 3e-3 * schedule.factor(step: 7), accuracy: 1e-9)
        XCTAssertLessThan(a.last?.learningRate ?? 1, a[1].learningRate, "the decay now ends at step 8")
    }

    func testReplanWithoutWarmupKeepsIt() throws {
        let trainer = Trainer(model: try SpanModel(config: Synthetic.config(), seed: 3),
                              config: TrainerConfig(warmupSteps: 5, totalSteps: 50))
        trainer.replan(totalSteps: 30)
        XCTAssertEqual(trainer.config.totalSteps, 30)
        XCTAssertEqual(trainer.config.warmupSteps, 5)
    }
}
