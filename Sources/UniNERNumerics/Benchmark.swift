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
        /// Process CPU seconds (all threads) per training step; with `sgemmCPUGFLOPS`, a share that other
        /// processes competing for the cores distort less than wall-clock rates.
        public var cpuSecondsPerStep: Double
        /// sgemm GFLOP per CPU-second (all threads) measured in the same run.
        public var sgemmCPUGFLOPS: Double
        /// Training GFLOP per CPU-second over sgemm GFLOP per CPU-second.
        public var cpuShare: Double {
            cpuSecondsPerStep > 0 && sgemmCPUGFLOPS > 0 ? trainingGFLOPS * secondsPerStep / cpuSecondsPerStep / sgemmCPUGFLOPS : 0
        }

        public var description: String {
            String(format: "%.1f tokens/s, %.3f s/step, %.1f GFLOP/s = %.0f%% of sgemm peak %.1f GFLOP/s "
                   + "(per CPU-second: %.0f%%), peak RSS %.0f MB",
                   tokensPerSecond, secondsPerStep, trainingGFLOPS, 100 * share, sgemmPeakGFLOPS, 100 * cpuShare,
                   Double(peakRSSBytes) / 1e6)
        }
    }

    /// The GFLOP/s of an n×n×n sgemm (2n³ FLOPs), best of `repeats` after one warm-up call.
    public static func sgemmPeakGFLOPS(n: Int = 1024, repeats: Int = 10) -> Double {
        sgemmPeak(n: n, repeats: repeats).wall
    }

    /// sgemm GFLOP/s by wall clock (best of `repeats`) and GFLOP per process CPU-second (over all repeats).
    public static func sgemmPeak(n: Int = 1024, repeats: Int = 10) -> (wall: Double, cpu: Double) {
        let a = Tensor([n, n]), b = Tensor([n, n]), c = Tensor([n, n])
        var rng = RandomGenerator(seed: 1)
        rng.fillNormal(a.data, count: a.count, std: 1)
        rng.fillNormal(b.data, count: b.count, std: 1)
        BLAS.sgemm(m: n, n: n, k: n, a: a.data, lda: n, b: b.data, ldb: n, c: c.data, ldc: n)
        var best = Double.infinity
        let cpu0 = processCPUSeconds()
        for _ in 0..<max(1, repeats) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            BLAS.sgemm(m: n, n: n, k: n, a: a.data, lda: n, b: b.data, ldb: n, c: c.data, ldc: n)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        let cpu = processCPUSeconds() - cpu0
        let flops = 2 * Double(n) * Double(n) * Double(n)
        return (flops / best / 1e9, cpu > 0 ? flops * Double(max(1, repeats)) / cpu / 1e9 : 0)
    }

    /// CPU time of the whole process (user + system, all threads), in seconds.
    public static func processCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
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
            let lo = vocabSize > 2000 ? 1000 : 0   // skip BERT's special and unused ids when the vocabulary is real
            for t in 0..<len { ids[b * T + t] = Int32(lo + rng.int(below: max(1, vocabSize - lo))); mask[b * T + t] = 1 }
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
        let cpu0 = processCPUSeconds()
        for _ in 0..<steps { seconds += try trainer.step([batch]).seconds }
        let cpu = (processCPUSeconds() - cpu0) / Double(max(1, steps))
        let perStep = seconds / Double(max(1, steps))
        let peak = sgemmPeak(n: sgemmN)
        return TrainingResult(steps: steps, secondsPerStep: perStep, tokensPerSecond: Double(batch.tokenCount) / perStep,
                              trainingGFLOPS: trainer.model.trainingFLOPs(batch) / perStep / 1e9,
                              sgemmPeakGFLOPS: peak.wall, peakRSSBytes: peakResidentBytes(),
                              cpuSecondsPerStep: cpu, sgemmCPUGFLOPS: peak.cpu)
    }

    /// Inference throughput of `model.predict` on `batch`: (sequences per second, non-padding tokens per second),
    /// averaged over `repeats` calls after one warm-up call.
    public static func measureInference(_ model: SpanModel, batch: SpanBatch, repeats: Int = 3) throws
        -> (sequencesPerSecond: Double, tokensPerSecond: Double) {
        let cache = SpanModel.Cache()
        _ = try model.predict(batch, reusing: cache)
        let t0 = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<max(1, repeats) { _ = try model.predict(batch, reusing: cache) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9 / Double(max(1, repeats))
        return (Double(batch.batch) / seconds, Double(batch.tokenCount) / seconds)
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
