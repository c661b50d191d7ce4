import Foundation

/// Throughput measurements: the sgemm ceiling of this machine and the training rate of the span model,
/// so that a benchmark can report the share of the ceiling that training reaches.
public enum Benchmark {
    /// The result of a training measurement.
    public struct TrainingResult: Sendable, CustomStringConvertible {
        public var steps: Int
        public var secondsPerStep: Double
        /// Non-padding tokens per second.
        public var tokensPerSecond: Double
        /// Matmul GFLOP/s achieved by training (FLOPs of `SpanModel.trainingFLOPs` over the step time).
        public var trainingGFLOPS: Double
        /// sgemm GFLOP/s measured in the same run.
        public var sgemmPeakGFLOPS: Double
        /// trainingGFLOPS / sgemmPeakGFLOPS.
        public var share: Double { sgemmPeakGFLOPS > 0 ? trainingGFLOPS / sgemmPeakGFLOPS : 0 }
        /// Peak resident set size of the process so far, in bytes (0 where unknown).
        public var peakRSSBytes: Int

        public var description: String {
            String(format: "%.1f tokens/s, %.3f s/step, %.1f GFLOP/s = %.0f%% of sgemm peak %.1f GFLOP/s, peak RSS %.0f MB",
                   tokensPerSecond, secondsPerStep, trainingGFLOPS, 100 * share, sgemmPeakGFLOPS, Double(peakRSSBytes) / 1e6)
        }
    }

    /// The GFLOP/s of an n×n×n sgemm (2n³ FLOPs), best of `repeats` after one warm-up call.
    public static func sgemmPeakGFLOPS(n: Int = 1024, repeats: Int = 10) -> Double {
        let a = Tensor([n, n]), b = Tensor([n, n]), c = Tensor([n, n])
        var rng = RandomGenerator(seed: 1)
        rng.fillNormal(a.data, count: a.count, std: 1)
        rng.fillNormal(b.data, count: b.count, std: 1)
        BLAS.sgemm(m: n, n: n, k: n, a: a.data, lda: n, b: b.data, ldb: n, c: c.data, ldc: n)
        var best = Double.infinity
        for _ in 0..<max(1, repeats) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            BLAS.sgemm(m: n, n: n, k: n, a: a.data, lda: n, b: b.data, ldb: n, c: c.data, ldc: n)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        return 2 * Double(n) * Double(n) * Double(n) / best / 1e9
    }

    /// A synthetic all-in-one batch: `[CLS] [M] t … [SEP] passage [SEP]`, every sequence filled to `length`
    /// (`padding` of them end early), words of 1–2 subwords, `queries` query markers, a few gold spans.
    public static func syntheticBatch(batch B: Int, length T: Int, vocabSize: Int, queries: Int = 4,
                                      paddedFraction: Double = 0, seed: UInt64) -> SpanBatch {
        var rng = RandomGenerator(seed: seed)
        var ids = [Int32](repeating: 0, count: B * T), mask = [Int32](repeating: 0, count: B * T)
        var first: [[Int]] = [], last: [[Int]] = [], qpos: [[Int]] = [], gold: [[SpanTarget]] = []
        for b in 0..<B {
            let len = rng.uniformDouble() < paddedFraction ? max(2 * queries + 4, T / 2) : T
            var q: [Int] = []
            var pos = 1
            for _ in 0..<queries { q.append(pos); pos += 2 }
            pos += 1
            var f: [Int] = [], l: [Int] = []
            while pos < len - 1 {
                let sub = min(1 + rng.int(below: 2), len - 1 - pos)
                f.append(pos); l.append(pos + sub - 1); pos += sub
            }
            for t in 0..<len { ids[b * T + t] = Int32(1000 + rng.int(below: max(1, vocabSize - 1000))); mask[b * T + t] = 1 }
            var g: [SpanTarget] = []
            for _ in 0..<3 where f.count > 2 {
                let s = rng.int(below: f.count - 2)
                g.append(SpanTarget(query: rng.int(below: max(1, queries)), start: s, end: s + rng.int(below: 2)))
            }
            first.append(f); last.append(l); qpos.append(q); gold.append(g)
        }
        return SpanBatch(batch: B, length: T, inputIds: ids, attentionMask: mask, wordFirst: first, wordLast: last,
                         queryPositions: qpos, positives: gold)
    }

    /// Times `steps` training steps of `trainer` on `batch` after `warmup` untimed ones, and measures sgemm
    /// in the same run. Note: this trains the model (it changes its weights).
    public static func measureTraining(_ trainer: Trainer, batch: SpanBatch, steps: Int = 3, warmup: Int = 1,
                                       sgemmN: Int = 1024) throws -> TrainingResult {
        for _ in 0..<warmup { _ = try trainer.step([batch]) }
        var seconds = 0.0
        for _ in 0..<steps { seconds += try trainer.step([batch]).seconds }
        let perStep = seconds / Double(max(1, steps))
        let peak = sgemmPeakGFLOPS(n: sgemmN)
        return TrainingResult(steps: steps, secondsPerStep: perStep, tokensPerSecond: Double(batch.tokenCount) / perStep,
                              trainingGFLOPS: trainer.model.trainingFLOPs(batch) / perStep / 1e9,
                              sgemmPeakGFLOPS: peak, peakRSSBytes: peakResidentBytes())
    }

    /// The process's peak resident set size in bytes (Linux: VmHWM of /proc/self/status; elsewhere getrusage).
    public static func peakResidentBytes() -> Int {
        if let s = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = s.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kb = Int(line.split(separator: " ").dropFirst().first ?? "") {
            return kb * 1024
        }
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Int(usage.ru_maxrss) * 1024
    }
}
