import Foundation
import UniNERCore
import UniNERNumerics
import UniNERTokenizer

/// The native student (DESIGN.md, "The native student"): a BERT-family encoder with a GLiNER-style span head,
/// trained on the instruction examples with sigmoid BCE over (span, label) pairs, on OpenBLAS.
///
/// `per-type` examples give one encoder pass per (passage, label); `all-in-one` examples one pass per passage
/// with every label behind a marker token. Teacher mentions are aligned to word spans at every occurrence.
/// Checkpoints go into `<stage>/checkpoint` every `checkpoint_every` steps and a killed run resumes from the
/// last one; the model is saved into `<stage>/model` (weights, configs, tokenizer files, `student.json`).
public struct SpanEncoderStudent: Student {
    public let options: SpanEncoderOptions
    /// Test hook that simulates a kill: throw `Interrupted` right after this many steps have been taken
    /// (after the checkpoint of that step, if one is due).
    var interruptAfterSteps: Int?

    struct Interrupted: Error {}

    /// Tokenizer and model-description files copied from the backbone into the saved model.
    static let tokenizerFiles = ["vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"]

    public init(options: SpanEncoderOptions) {
        self.options = options
    }

    /// What `prepare` made of the examples.
    struct Prepared {
        var sequences: [SpanSequence]
        var layout: InstructionExample.Layout
        var report: StageReport
    }

    /// Progress saved next to each checkpoint: wall time spent and the loss of every step so far.
    struct Progress: Codable {
        var step: Int
        var elapsedSeconds: Double
        var losses: [Double]
    }

    // MARK: - Training

    public func train(_ examples: [InstructionExample], into directory: URL, context: RunContext) async throws -> ModelArtifact {
        let started = Date()
        let modelFolder = directory.appendingPathComponent("model")
        BLAS.setThreads(options.threads ?? context.threads)
        let backbone = options.backboneFolder(environment: context.environment)
        let tokenizer = try Self.loadTokenizer(backbone)
        let encoder = SpanInputEncoder(tokenizer: tokenizer, maxTokens: options.maxTokens, pooling: options.queryPooling)
        var prepared = prepare(examples, encoder: encoder)
        guard !prepared.sequences.isEmpty else {
            throw UniNERError("the span-encoder student got no training sequence (\(examples.count) examples)",
                              help: "check the corpus, annotator and queries sections")
        }
        var layout = [prepared.layout.rawValue]
        if options.sharedPass && prepared.layout == .perType { layout.append("shared pass") }
        if options.queryPooling != .token { layout.append("\(options.queryPooling.rawValue) queries") }
        context.log("[span-encoder] \(prepared.sequences.count) sequences (\(layout.joined(separator: ", "))), "
                    + "\(Int(prepared.report["positive spans"])) positive spans, "
                    + "\(Int(prepared.report["unaligned mentions"])) unaligned mentions, peak RSS so far "
                    + "\(Benchmark.peakResidentBytes() / 1_000_000) MB")
        let plan = BatchPlan(lengths: prepared.sequences.map(\.count), batch: options.batch,
                             maxTokens: options.batchTokens, seed: context.seed)
        let checkpoint = directory.appendingPathComponent("checkpoint")
        let progressURL = directory.appendingPathComponent("checkpoint-progress.json")
        let trainer: Trainer
        var losses: [Double] = []
        var elapsedBefore = 0.0
        if FileManager.default.fileExists(atPath: checkpoint.appendingPathComponent("trainer_state.json").path) {
            trainer = try Trainer.resume(from: checkpoint)
            if let data = FileManager.default.contents(atPath: progressURL.path),
               let progress = try? JSONDecoder().decode(Progress.self, from: data), progress.step == trainer.step {
                losses = progress.losses
                elapsedBefore = progress.elapsedSeconds
            }
            context.log("[span-encoder] resuming from the checkpoint at step \(trainer.step)/\(trainer.config.totalSteps)")
            prepared.report.add("resumed at step", Double(trainer.step))
        } else {
            let sequences = prepared.sequences
            let total = try plannedSteps(plan: plan, context: context, started: started) { indices in
                encoder.batch(indices.map { sequences[$0] })
            } makeModel: { try makeModel(backbone: backbone, tokenizer: tokenizer, seed: context.seed) }
            let model = try makeModel(backbone: backbone, tokenizer: tokenizer, seed: context.seed)
            trainer = Trainer(model: model, config: TrainerConfig(
                headLearningRate: options.lr, encoderLearningRate: options.encoderLR,
                warmupSteps: Int((options.warmup * Double(total)).rounded()), totalSteps: total, decay: options.schedule,
                weightDecay: options.weightDecay, seed: context.seed, freezeWordEmbeddings: options.freezeEmbeddings))
        }
        var total = trainer.config.totalSteps
        let budget = options.timeBudgetSeconds
        func elapsed() -> Double { elapsedBefore + Date().timeIntervalSince(started) }

        var cursor = BatchCursor(plan: plan)
        func microBatch(_ index: Int) -> SpanBatch {
            encoder.batch(cursor.batch(index).map { prepared.sequences[$0] })
        }

        var windowLoss = 0.0, windowTokens = 0, windowSeconds = 0.0, windowSteps = 0
        var lastLog = Date()
        var tokensTotal = 0, stepSeconds = 0.0
        var stoppedByBudget = false
        // With a time budget the plan is re-fitted to the measured step rate: after 30 s of steps, then at half and
        // at 85% of the budget (the first estimate comes from a short probe and drifts with machine load).
        var sessionStepSeconds = 0.0, sessionSteps = 0
        var replans = budget.map { [30.0, $0 / 2, 0.85 * $0] } ?? []
        while trainer.step < total {
            if let budget, elapsed() >= budget { stoppedByBudget = true; break }
            if let budget, let next = replans.first, sessionSteps >= 10,
               (next == 30 ? sessionStepSeconds >= next : elapsed() >= next) {
                replans.removeFirst()
                let perStep = sessionStepSeconds / Double(sessionSteps)
                sessionStepSeconds = 0; sessionSteps = 0   // the next fit uses the rate since this one
                let fitted = trainer.step + max(1, Int(0.98 * (budget - elapsed()) / perStep))
                let capped = min(fitted, plannedCap(plan: plan))
                if abs(capped - total) * 20 > total {
                    // Warmup keeps its share of the new schedule while it has not ended yet.
                    trainer.replan(totalSteps: capped, warmupSteps: trainer.step < trainer.config.warmupSteps
                                       ? Int((options.warmup * Double(capped)).rounded()) : nil)
                    context.log(String(format: "[span-encoder] %.2f s/step measured: re-planned from %d to %d steps",
                                       perStep, total, capped))
                    prepared.report.add("re-plans")
                    total = capped
                }
            }
            let iterationStart = Date()
            let batches = (0..<options.gradAccum).map { microBatch(trainer.step * options.gradAccum + $0) }
            let report = try trainer.step(batches)
            losses.append(report.loss)
            windowLoss += report.loss; windowTokens += report.tokens; windowSeconds += report.seconds; windowSteps += 1
            tokensTotal += report.tokens; stepSeconds += report.seconds
            sessionSteps += 1; sessionStepSeconds += Date().timeIntervalSince(iterationStart)
            if Date().timeIntervalSince(lastLog) >= 10 || trainer.step == total {
                let rate = Double(windowTokens) / max(windowSeconds, 1e-9)
                var eta = Double(total - trainer.step) * windowSeconds / Double(windowSteps)
                if let budget { eta = min(eta, max(0, budget - elapsed())) }
                context.log(String(format: "[span-encoder] step %d/%d, loss %.4f, %.0f tokens/s, lr %.2e, ETA %@, peak RSS %.0f MB",
                                   trainer.step, total, windowLoss / Double(windowSteps), rate, report.learningRate,
                                   ProgressReporter.duration(eta), Double(Benchmark.peakResidentBytes()) / 1e6))
                windowLoss = 0; windowTokens = 0; windowSeconds = 0; windowSteps = 0
                lastLog = Date()
            }
            if trainer.step % options.checkpointEvery == 0 && trainer.step < total {
                try trainer.saveCheckpoint(to: checkpoint)
                try UniNERCore.AtomicFile.write(
                    JSONEncoder().encode(Progress(step: trainer.step, elapsedSeconds: elapsed(), losses: losses)),
                    to: progressURL)
            }
            if let stop = interruptAfterSteps, trainer.step >= stop { throw Interrupted() }
        }

        var report = prepared.report
        report.counters["steps"] = Double(trainer.step)
        let seen = Self.seen(steps: trainer.step, plan: plan, gradAccum: options.gradAccum)
        report.counters["epochs"] = (seen.epochs * 1000).rounded() / 1000
        report.counters["sequences seen"] = Double(seen.sequences)
        report.counters["tokens seen"] = Double(seen.tokens)
        report.counters["planned steps"] = Double(total)
        report.counters["final loss"] = losses.last ?? 0
        let tail = losses.suffix(100)
        report.counters["mean loss (last 100 steps)"] = tail.isEmpty ? 0 : tail.reduce(0, +) / Double(tail.count)
        report.counters["training seconds"] = elapsed()
        report.counters["tokens/s (training steps of this session)"] = Double(tokensTotal) / max(stepSeconds, 1e-9)
        if stoppedByBudget { report.notes.append("stopped by the time budget at step \(trainer.step) of \(total)") }
        let info = SpanEncoderModelInfo(layout: prepared.layout, maxTokens: options.maxTokens,
                                        marker: SpanInputEncoder.marker(for: tokenizer).token, threshold: options.threshold,
                                        decoding: options.decoding, steps: trainer.step, positiveWeight: options.positiveWeight,
                                        sharedPass: options.sharedPass && prepared.layout == .perType,
                                        queryPooling: options.queryPooling)
        try saveModel(trainer.model, info: info, record: TrainingRecord(report: report, losses: losses),
                      backbone: backbone, into: modelFolder)
        try? FileManager.default.removeItem(at: checkpoint)
        try? FileManager.default.removeItem(at: progressURL)
        context.log("[span-encoder] saved \(modelFolder.path) after \(trainer.step) steps, "
                    + "final loss \(String(format: "%.4f", losses.last ?? 0))")
        return ModelArtifact(folder: modelFolder, info: info.summary, report: report)
    }

    /// The steps to plan: epochs, capped by `max_steps`, and by what fits in `time_budget_s` at the rate
    /// measured on a throwaway copy of the model (3 timed steps after one warm-up).
    func plannedSteps(plan: BatchPlan, context: RunContext, started: Date, batch: ([Int]) -> SpanBatch,
                      makeModel: () throws -> SpanModel) throws -> Int {
        let stepsPerEpoch = (plan.batchesPerEpoch + options.gradAccum - 1) / options.gradAccum
        var total = plannedCap(plan: plan)
        if options.epochs == nil && options.maxSteps == nil && options.examples == nil && options.timeBudgetSeconds == nil {
            total = stepsPerEpoch
        }
        guard let budget = options.timeBudgetSeconds else { return total }
        let probe = Trainer(model: try makeModel(), config: TrainerConfig(totalSteps: 10, seed: context.seed))
        let batches = plan.batches(epoch: 0)
        var tokens = 0, seconds = 0.0
        for i in 0..<min(4, batches.count * 2) {
            let micro = (0..<options.gradAccum).map { batch(batches[(i * options.gradAccum + $0) % batches.count]) }
            let r = try probe.step(micro)
            if i > 0 { tokens += r.tokens; seconds += r.seconds }
        }
        let allTokens = plan.lengths.reduce(0, +)
        let tokensPerStep = Double(allTokens) / Double(stepsPerEpoch)
        let secondsPerStep = tokens > 0 ? seconds / Double(tokens) * tokensPerStep : 1
        let left = budget - Date().timeIntervalSince(started)
        let fit = max(1, Int(0.97 * left / secondsPerStep))
        context.log(String(format: "[span-encoder] time budget %.0f s: about %.2f s/step, planning %d steps (%.2f epochs)",
                           budget, secondsPerStep, min(total, fit), Double(min(total, fit)) / Double(stepsPerEpoch)))
        return min(total, fit)
    }

    /// The most steps the epochs, `max_steps` and `examples` allow (`Int.max` when none bounds them).
    func plannedCap(plan: BatchPlan) -> Int {
        let stepsPerEpoch = (plan.batchesPerEpoch + options.gradAccum - 1) / options.gradAccum
        var cap = options.epochs.map { max(1, Int(($0 * Double(stepsPerEpoch)).rounded(.up))) } ?? Int.max
        if let maxSteps = options.maxSteps { cap = min(cap, maxSteps) }
        if let examples = options.examples { cap = min(cap, Self.steps(toSee: examples, plan: plan, gradAccum: options.gradAccum)) }
        return cap
    }

    /// The steps after which `examples` sequences have been seen: counted on the plan's own batches, since
    /// the `batch_tokens` split makes some micro-batches smaller than `batch`.
    static func steps(toSee examples: Int, plan: BatchPlan, gradAccum: Int) -> Int {
        var cursor = BatchCursor(plan: plan)
        var seen = 0, micro = 0
        while seen < examples {
            seen += cursor.batch(micro).count
            micro += 1
        }
        return max(1, (micro + gradAccum - 1) / gradAccum)
    }

    /// Sequences and tokens the first `steps` steps of the plan read, and the epochs they make.
    static func seen(steps: Int, plan: BatchPlan, gradAccum: Int) -> (sequences: Int, tokens: Int, epochs: Double) {
        var cursor = BatchCursor(plan: plan)
        var sequences = 0, tokens = 0
        for micro in 0..<(steps * gradAccum) {
            let batch = cursor.batch(micro)
            sequences += batch.count
            tokens += batch.reduce(0) { $0 + plan.lengths[$1] }
        }
        return (sequences, tokens, Double(sequences) / Double(max(1, plan.lengths.count)))
    }

    /// A span model over the backbone (pretrained) or from scratch (`size`), with the options' dropout.
    func makeModel(backbone: URL, tokenizer: BertTokenizer, seed: UInt64) throws -> SpanModel {
        var config: BertConfig
        var weights: SafeTensors?
        if let size = options.size.flatMap(BertConfig.Size.init(rawValue:)) {
            config = BertConfig.preset(size, vocabSize: tokenizer.vocabularySize)
        } else {
            (config, weights) = try BertConfig.loadChecked(folder: backbone)
        }
        if let dropout = options.dropout {
            config.hiddenDropoutProb = dropout
            config.attentionProbsDropoutProb = dropout
        }
        let model = try SpanModel(config: SpanModelConfig(encoder: config, maxSpanWidth: options.maxWidth,
                                                                  positiveWeight: options.positiveWeight,
                                                                  focalGamma: options.focalGamma,
                                                                  queryHiddenSize: options.queryHidden,
                                                                  spanLSTM: options.spanLSTM), seed: seed)
        if let weights {
            try model.encoder.loadWeights(from: weights)
        }
        return model
    }

    static func loadTokenizer(_ folder: URL) throws -> BertTokenizer {
        do { return try BertTokenizer(folder: folder) } catch {
            throw UniNERError("cannot load the tokenizer of \(folder.path): \(error)",
                              help: "set 'student.backbone' (or UNINER_MODEL_DIR) to a BERT-family Hugging Face folder")
        }
    }

    /// Writes the model folder atomically: weights and configs, tokenizer files, `student.json`, `training.json`.
    func saveModel(_ model: SpanModel, info: SpanEncoderModelInfo, record: TrainingRecord, backbone: URL,
                   into folder: URL) throws {
        let fm = FileManager.default
        let partial = folder.deletingLastPathComponent().appendingPathComponent(".model-partial")
        try? fm.removeItem(at: partial)
        try model.save(folder: partial)
        for name in Self.tokenizerFiles where fm.fileExists(atPath: backbone.appendingPathComponent(name).path) {
            try fm.copyItem(at: backbone.appendingPathComponent(name), to: partial.appendingPathComponent(name))
        }
        try UniNERCore.AtomicFile.write(JSONEncoder.pretty.encode(record), to: partial.appendingPathComponent("training.json"))
        try UniNERCore.AtomicFile.write(JSONEncoder.pretty.encode(info),
                                        to: partial.appendingPathComponent(SpanEncoderModelInfo.fileName))
        try? fm.removeItem(at: folder)
        try fm.moveItem(at: partial, to: folder)
    }

    /// The training report and loss curve, saved with the model.
    struct TrainingRecord: Codable {
        var report: StageReport
        var losses: [Double]
    }

    // MARK: - Data

    /// Turns examples into encoder sequences: words, aligned answers (every occurrence), the layout's passes.
    func prepare(_ examples: [InstructionExample], encoder: SpanInputEncoder) -> Prepared {
        var report = StageReport()
        var sequences: [SpanSequence] = []
        var layouts: [InstructionExample.Layout: Int] = [:]
        for example in examples {
            layouts[example.layout, default: 0] += 1
            let words = WordSplitter.words(in: example.text).map(\.text)
            let aligner = MentionAligner(words: words)
            let passage = encoder.passage(words: words)
            var spans: [[ClosedRange<Int>]] = []
            for query in example.queries {
                let aligned = aligner.align(query.answers)
                spans.append(aligned.spans)
                report.add("mentions", Double(query.answers.count))
                report.add("unaligned mentions", Double(aligned.unaligned))
                report.add("positive spans", Double(aligned.spans.count))
                report.add("span occurrences beyond max_width",
                           Double(aligned.spans.filter { $0.count > options.maxWidth }.count))
                if query.answers.isEmpty { report.add("negative queries") }
            }
            let shared = options.sharedPass && example.layout == .perType
            let groups: [[Int]] = example.layout == .allInOne || shared
                ? [Array(example.queries.indices)] : example.queries.indices.map { [$0] }
            for group in groups where !group.isEmpty {
                let labels = group.map { example.queries[$0].label }
                var positives: [(query: Int, span: ClosedRange<Int>)] = []
                for (q, index) in group.enumerated() {
                    for span in spans[index] where span.count <= options.maxWidth { positives.append((q, span)) }
                }
                let built: (sequence: SpanSequence, dropped: Int)
                if shared {
                    let side = SharedPassLayout.querySide(encoder, labels: labels, dataset: example.dataset)
                    guard side.passageBudget(maxTokens: encoder.maxTokens) > 0 else { report.add("queries too long"); continue }
                    built = SharedPassLayout.sequence(encoder, query: side, dataset: example.dataset, passage: passage,
                                                      window: 0..<words.count, positives: positives)
                } else {
                    let query = encoder.querySide(labels: labels, dataset: example.dataset, layout: example.layout)
                    guard encoder.passageBudget(querySide: query.ids) > 0 else { report.add("queries too long"); continue }
                    built = encoder.sequence(query: query, passage: passage, window: 0..<words.count, positives: positives)
                }
                report.add("spans cut by max_tokens", Double(built.dropped))
                if built.sequence.wordFirst.isEmpty { report.add("empty passages"); continue }
                sequences.append(built.sequence)
                report.add("tokens", Double(built.sequence.count))
            }
        }
        report.counters["examples"] = Double(examples.count)
        report.counters["sequences"] = Double(sequences.count)
        let layout = layouts.max { ($0.value, $0.key == .perType ? 1 : 0) < ($1.value, $1.key == .perType ? 1 : 0) }?.key ?? .perType
        return Prepared(sequences: sequences, layout: layout, report: report)
    }

    // MARK: - Prediction

    /// Threshold, decoding, label competition and sentence splitting only shape predictions: changing them re-predicts with the
    /// cached model.
    public var inferenceOnlyOptions: [String] { ["threshold", "decoding", "labels_compete", "split_sentences"] }

    public func predictor(for model: ModelArtifact, context: RunContext) throws -> any Predictor {
        try SpanEncoderPredictor(modelDirectory: model.folder, threshold: options.threshold, decoding: options.decoding,
                                 labelsCompete: options.labelsCompete, threads: options.threads ?? context.threads, splitSentences: options.splitSentences)
    }
}
