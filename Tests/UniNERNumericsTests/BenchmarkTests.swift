import XCTest
@testable import UniNERNumerics

final class BenchmarkTests: XCTestCase {
    func testSgemmPeakAndFLOPCountArePlausible() throws {
        let peak = Benchmark.sgemmPeakGFLOPS(n: 256, repeats: 3)
        XCTAssertGreaterThan(peak, 1)
        let model = try SpanModel(config: Synthetic.config(), seed: 1)
        let batch = Benchmark.syntheticBatch(batch: 2, length: 16, vocabSize: Synthetic.vocab, queries: 2, seed: 1)
        // Encoder: per layer 2·N·(4C² + 2CI) + 4·B·T²·C, N = 32, C = 32, I = 64.
        XCTAssertEqual(model.encoder.forwardFLOPs(batch: 2, length: 16), 2 * (2 * 32 * (4 * 1024 + 2 * 32 * 64) + 4 * 2 * 256 * 32))
        XCTAssertGreaterThan(model.trainingFLOPs(batch), 3 * model.encoder.forwardFLOPs(batch: 2, length: 16))
        let trainer = Trainer(model: model, config: TrainerConfig(totalSteps: 10))
        let r = try Benchmark.measureTraining(trainer, batch: batch, steps: 1, warmup: 0, sgemmN: 128)
        XCTAssertEqual(r.tokensPerSecond, Double(batch.tokenCount) / r.secondsPerStep, accuracy: 1e-6)
        XCTAssertGreaterThan(r.peakRSSBytes, 1_000_000)
        XCTAssertGreaterThan(try Benchmark.measureInference(model, batch: batch, repeats: 1).sequencesPerSecond, 0)
    }

    /// MiniLM training throughput; runs with UNINER_BENCH=1 (release build recommended), prints and checks the targets.
    func testMiniLMTrainingThroughput() throws {
        guard ProcessInfo.processInfo.environment["UNINER_BENCH"] == "1" else { throw XCTSkip("set UNINER_BENCH=1 to run") }
        let folder = try modelFolder()
        for (b, t) in [(8, 128), (8, 256)] {
            let model = try SpanModel(encoderFolder: folder, seed: 1)
            let trainer = Trainer(model: model, config: TrainerConfig(totalSteps: 100))
            let batch = Benchmark.syntheticBatch(batch: b, length: t, vocabSize: 30522, queries: 8, seed: 2)
            let r = try Benchmark.measureTraining(trainer, batch: batch, steps: 3)
            print("MiniLM span training \(b)x\(t): \(r)")
            XCTAssertGreaterThan(r.tokensPerSecond, 2 * 466)
        }
    }
}
