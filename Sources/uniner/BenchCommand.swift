import ArgumentParser
import Foundation
import UniNERCatalog
import UniNERCore
import UniNERNumerics
import UniNERStudents

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure, in one run, the sgemm ceiling, the student's training and inference rates and peak memory, "
            + "next to GLiNER's figures on the same machines (shared/reference/PEERS.md).",
        discussion: """
        Training, as recipes train a pretrained backbone (word embeddings fixed): MiniLM-L6 span model on batch 8 of
        real CoNLL-2003 training sentences with all their labels in one pass (the all-in-one layout; GLiNER's measured
        setting), whose peak RSS is the one compared with GLiNER's, then batch 8 × 256 tokens (synthetic ids), whose
        matmul rate is compared with the sgemm peak. Inference:
        CrossNER_AI test (431 sentences × 13 labels = queries) with an all-in-one model (one pass per sentence), a
        per-type model (one pass per sentence and label) and a shared-pass per-type model (one pass per sentence, each
        label answered on its own); synthetic sentences when the data is missing.

        Without --peer, the GLiNER figures compared with are PEERS.md's, measured on another machine. With --peer,
        GLiNER is measured in this invocation too (scripts/bench-gliner.sh, in the venv it installs with --install;
        never in CI): same CoNLL-2003 training sentences, CrossNER_AI test with its 13 labels in one pass, and the
        ratios are printed beside ours.
        """
    )

    @Option(help: "BERT-family backbone folder (default: $UNINER_MODEL_DIR, else .models/all-MiniLM-L6-v2).")
    var backbone: String?

    @Option(help: "Benchmark folder (default: $UNINER_DATA, else ../shared/benchmark).")
    var data: String?

    @Option(help: "Threads for training and inference (default: all cores).")
    var threads: Int?

    @Option(help: "Timed training steps per measurement.")
    var steps = 5

    @Option(help: "Encoder passes per inference batch (repeatable: one row each).")
    var inferenceBatch: [Int] = [8]

    @Option(help: "A trained span-encoder model to time inference with (default: an untrained head on the backbone).")
    var model: String?

    @Flag(help: "Measure GLiNER in this run too (scripts/bench-gliner.sh; its venv from 'scripts/bench-gliner.sh --install').")
    var peer = false

    @Option(help: "GLiNER training steps with --peer (the first 5 untimed).")
    var peerSteps = 120

    @Option(help: "GLiNER inference passes over CrossNER_AI test with --peer (the median is compared).")
    var peerRepeats = 3

    // GLiNER 0.2.29 + MiniLM-L6 on our 2-core machines (PEERS.md).
    static let glinerTrainTokens = 466.0
    static let glinerTrainSentences = 9.7
    static let glinerInferenceSentencesTable = 32.0
    static let glinerInferenceSentencesSlowMachine = 7.7
    static let rssTargetBytes = 1.5e9

    /// Where the GLiNER figures of the plain table come from, said plainly: not this machine.
    static func peersNote(peak1: Double, peak2: Double) -> String {
        String(format: "GLiNER figures below are not measured in this run: they are the first table of shared/reference/PEERS.md, "
               + "measured on another machine (2 cores, no GPU, PyTorch 2.15 CPU with MKL, sgemm 1024³ about 115 GFLOP/s on 1 thread "
               + "and 200-230 on 2; this machine: %.0f and %.0f), so those ratios mix machines. "
               + "`uniner bench --peer` measures GLiNER in the same run.", peak1, peak2)
    }

    func validate() throws {
        if inferenceBatch.contains(where: { $0 < 1 }) { throw ValidationError("--inference-batch must be at least 1") }
        if steps < 1 { throw ValidationError("--steps must be at least 1") }
        if peerSteps < 6 { throw ValidationError("--peer-steps must be at least 6 (5 warm-up steps, then timed ones)") }
        if peerRepeats < 1 { throw ValidationError("--peer-repeats must be at least 1") }
    }

    func run() async throws {
        try await reportingErrors {
            let environment = ProcessInfo.processInfo.environment
            let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
            let backboneFolder = SpanEncoderOptions(backbone: backbone).backboneFolder(environment: environment)
            let dataRoot = data.map { URL(fileURLWithPath: $0) } ?? RunContext.defaultDataRoot()
            let datasets = Catalog.datasets(root: dataRoot)
            // found before our own figures are measured: a missing venv fails in a second, not after minutes
            let peerRunner: PeerBenchRunner? = try peer ? PeerBenchRunner(environment: environment) : nil
            var rows: [(String, String, String)] = []
            func row(_ name: String, _ value: String, _ comparison: String = "") {
                rows.append((name, value, comparison))
                logLine("[bench] \(name): \(value) \(comparison) (peak RSS so far \(Benchmark.peakResidentBytes() / 1_000_000) MB)")
            }

            // sgemm ceiling: one thread, two threads split by us (how training calls it), two OpenBLAS threads
            BLAS.setThreads(1)
            let peak1 = Benchmark.sgemmPeakGFLOPS(n: 1024)
            BLAS.setThreads(2)
            let peak2 = Benchmark.sgemmPeakGFLOPS(n: 1024)
            BLAS.setThreads(1)
            BLAS.setLibraryThreads(2)
            let peak2Library = Benchmark.sgemmPeakGFLOPS(n: 1024)
            row("sgemm 1024³, 1 thread", String(format: "%.1f GFLOP/s", peak1), "(PEERS.md: ~115)")
            row("sgemm 1024³, 2 threads", String(format: "%.1f GFLOP/s (split in two by us); %.1f GFLOP/s (OpenBLAS's own threads)",
                                               peak2, peak2Library), "(PEERS.md: 200-230)")
            BLAS.setThreads(threadCount)
            // the ceiling: the best sgemm rate this machine reached with up to `threadCount` threads
            var peak = max(peak1, threadCount >= 2 ? max(peak2, peak2Library) : 0)
            if threadCount > 2 { peak = max(peak, Benchmark.sgemmPeakGFLOPS(n: 1024)) }

            // Training as `uniner run` trains a pretrained backbone (word embeddings fixed unless a recipe says
            // otherwise): CoNLL-2003 batches first, GLiNER's workload, so that the peak RSS read after them is that
            // workload's; then the synthetic batch 8 × 256, the sgemm-share measurement.
            let frozen = SpanEncoderOptions(backbone: backbone).freezeEmbeddings
            let spanModel = try SpanModel(encoderFolder: backboneFolder, seed: 1)
            // one optimiser setting for both timed models (without and with the BiLSTM), so their rates compare
            let trainerConfig = TrainerConfig(headLearningRate: 1e-4, encoderLearningRate: 1e-5, totalSteps: 1000,
                                              freezeWordEmbeddings: frozen)
            let trainer = Trainer(model: spanModel, config: trainerConfig)
            let frozenNote = frozen ? ", word embeddings fixed" : ""
            var conllRates: (tokens: Double, sentences: Double)?
            var trainingRSS: (bytes: Double, workload: String)?
            // training on real sentences, all labels in one pass
            let tokenizer = try SpanInputEncoder(folder: backboneFolder, maxTokens: 256)
            var conll: (sequences: [SpanSequence], plan: [[Int]], labels: Int, wordsPerSentence: Double)?
            // `steps` timed steps after one untimed (the first step allocates the buffers)
            func timeTraining(_ trainer: Trainer, _ sequences: [SpanSequence], _ plan: [[Int]]) throws -> (tokens: Double, sentences: Double) {
                var tokens = 0, seconds = 0.0, count = 0
                for (i, indices) in plan.prefix(steps + 1).enumerated() {
                    let report = try trainer.step([tokenizer.batch(indices.map { sequences[$0] })])
                    if i == 0 { continue }
                    tokens += report.tokens; seconds += report.seconds; count += indices.count
                }
                return (Double(tokens) / seconds, Double(count) / seconds)
            }
            if let datasets, datasets.availableDatasets().contains("conll2003") {
                let split = try datasets.load(dataset: "conll2003", split: "train")
                let sentences = Array(split.sentences.prefix(8 * (steps + 1) * 8))
                var sequences: [SpanSequence] = []
                var words = 0
                for sentence in sentences {
                    let tokens = WordSplitter.words(in: sentence.text).map(\.text)
                    words += tokens.count
                    let aligner = MentionAligner(words: tokens)
                    var positives: [(query: Int, span: ClosedRange<Int>)] = []
                    for (q, label) in split.labels.enumerated() {
                        let answers = sentence.entities.filter { $0.type == label }.map(\.text)
                        positives += aligner.align(answers).spans.filter { $0.count <= 12 }.map { (q, $0) }
                    }
                    let query = tokenizer.querySide(labels: split.labels, dataset: nil, layout: .allInOne)
                    sequences.append(tokenizer.sequence(query: query, passage: tokenizer.passage(words: tokens),
                                                        window: 0..<tokens.count, positives: positives).sequence)
                }
                let plan = BatchPlan(lengths: sequences.map(\.count), batch: 8, seed: 1).batches(epoch: 0)
                conll = (sequences, plan, split.labels.count, Double(words) / Double(sentences.count))
            }
            if let conll {
                let rates = try timeTraining(trainer, conll.sequences, conll.plan)
                conllRates = rates
                trainingRSS = (Double(Benchmark.peakResidentBytes()), "CoNLL-2003 batches of 8, GLiNER's workload")
                row("training, CoNLL-2003 sentences, all \(conll.labels) labels per pass, batch 8\(frozenNote)",
                    String(format: "%.0f tokens/s = %.1f sentences/s (%.1f words per sentence)", rates.tokens,
                           rates.sentences, conll.wordsPerSentence),
                    String(format: "%.2f× GLiNER's 466 tokens/s, %.2f× its 9.7 sentences/s", rates.tokens / Self.glinerTrainTokens,
                           rates.sentences / Self.glinerTrainSentences))
            }

            // training, synthetic batch 8 × 256
            let synthetic = Benchmark.syntheticBatch(batch: 8, length: 256, vocabSize: spanModel.config.encoder.vocabSize,
                                                     queries: 4, seed: 1)
            let measured = try Benchmark.measureTraining(trainer, batch: synthetic, steps: steps, warmup: 1)
            // The ceiling again, right after training: on a shared host the machine's speed can move within one
            // bench (runs of the same build read 59-82% against one reading taken before). The share is taken
            // against the higher of the two readings, so a slow moment before training never flatters it.
            let peakBefore = peak
            let peakAfter = Benchmark.sgemmPeakGFLOPS(n: 1024)
            peak = max(peakBefore, peakAfter)
            let drift = abs(peakAfter - peakBefore) / peak
            row("training, batch 8 × 256 tokens (\(threadCount) threads\(frozenNote))",
                String(format: "%.0f tokens/s, %.2f s/step, %.1f GFLOP/s = %.0f%% of sgemm peak (%.0f GFLOP/s: %.0f before training, %.0f after)",
                       measured.tokensPerSecond, measured.secondsPerStep, measured.trainingGFLOPS, 100 * measured.trainingGFLOPS / peak, peak,
                       peakBefore, peakAfter),
                String(format: "%.2f× GLiNER's 466 tokens/s", measured.tokensPerSecond / Self.glinerTrainTokens))
            if drift > 0.1 {
                logLine(String(format: "[bench] the sgemm peak moved by %.0f%% during the training measurement: the host is busy "
                               + "(other processes or tenants); rerun on a quiet machine for a settled share", 100 * drift))
            }
            // measured before any inference model is loaded: the process has held only the training model so far
            let syntheticRSS = Double(Benchmark.peakResidentBytes())
            let compared = trainingRSS ?? (syntheticRSS, "synthetic batch 8 × 256")
            // GLiNER's head runs a BiLSTM over the encoder; ours does with `span_lstm: true` (Tab. 3 sets it), so
            // the like-for-like training rate is this one. Measured after the peak RSS above was read.
            var lstmRates: (tokens: Double, sentences: Double)?
            if let conll {
                let lstmModel = try SpanModel(encoderFolder: backboneFolder, spanLSTM: true, seed: 1)
                let lstmTrainer = Trainer(model: lstmModel, config: trainerConfig)
                let rates = try timeTraining(lstmTrainer, conll.sequences, conll.plan)
                lstmRates = rates
                row("training with the span side's BiLSTM (`span_lstm: true`, as GLiNER's head), CoNLL-2003, batch 8\(frozenNote)",
                    String(format: "%.0f tokens/s = %.1f sentences/s", rates.tokens, rates.sentences),
                    String(format: "%.2f× GLiNER's 466 tokens/s; %.2f× our rate without it", rates.tokens / Self.glinerTrainTokens,
                           rates.tokens / (conllRates?.tokens ?? rates.tokens)))
            }
            var figures = BenchFigures(sgemmPeakGFLOPS: peak, trainingGFLOPS: measured.trainingGFLOPS,
                                       syntheticTokensPerSecond: measured.tokensPerSecond,
                                       conllTokensPerSecond: conllRates?.tokens, conllSentencesPerSecond: conllRates?.sentences,
                                       conllLSTMTokensPerSecond: lstmRates?.tokens,
                                       trainingPeakRSSBytes: Int(compared.bytes), trainingRSSWorkload: compared.workload,
                                       frozenWordEmbeddings: frozen, inferenceBatch: inferenceBatch.contains(8) ? 8 : inferenceBatch[0])
            if let trainingRSS {
                row("training peak RSS (VmHWM), CoNLL-2003 batches of 8", String(format: "%.0f MB", trainingRSS.bytes / 1e6),
                    "GLiNER's training workload; compared with GLiNER's peak under --peer")
            }
            row("training peak RSS (VmHWM), with the batch 8 × 256 tokens too", String(format: "%.0f MB", syntheticRSS / 1e6),
                String(format: "%.2f of the 1.5 GB target; GLiNER 2.75 GB (300 steps), 4.1-4.3 GB (25 minutes)",
                       syntheticRSS / Self.rssTargetBytes))

            // inference
            var queries: [EvaluationQuery] = []
            var source = "CrossNER_AI test"
            if let datasets, datasets.availableDatasets().contains("CrossNER_AI") {
                queries = EvaluationQueryBuilder.queries(for: try datasets.load(dataset: "CrossNER_AI", split: "test"))
            } else {
                source = "synthetic sentences"
                let labels = (0..<13).map { "label \($0)" }
                queries = (0..<431).flatMap { i in
                    labels.map { EvaluationQuery(id: "\(i)-\($0)", dataset: "synthetic",
                                                 text: "Sentence \(i) mentions Alan Turing , London and the University of Manchester in 1950 .",
                                                 label: $0, answers: []) }
                }
            }
            let sentenceCount = Set(queries.map(\.text)).count
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-bench-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            var models: [(String, URL)] = []
            var layouts: [String: InstructionExample.Layout] = [:]
            if let model {
                models.append(("given model", URL(fileURLWithPath: model)))
                layouts["given model"] = try? SpanEncoderModelInfo.load(folder: SpanEncoderModelInfo.modelFolder(in: URL(fileURLWithPath: model))).layout
            }
            var sharedPass: Set<String> = []
            if let model, (try? SpanEncoderModelInfo.load(folder: SpanEncoderModelInfo.modelFolder(in: URL(fileURLWithPath: model))).isSharedPass) == true {
                sharedPass.insert("given model")
            }
            for (layout, shared) in [(InstructionExample.Layout.allInOne, false), (.perType, false), (.perType, true)] where model == nil {
                let kind = shared ? "per-type shared-pass" : layout.rawValue
                let folder = scratch.appendingPathComponent(kind)
                let example = InstructionExample(id: "x", text: "Alan Turing was born in London .", layout: layout,
                                                 queries: [LabelQuery(label: "person", answers: ["Alan Turing"])])
                _ = try await SpanEncoderStudent(options: SpanEncoderOptions(backbone: backboneFolder.path, maxSteps: 1, threads: threadCount,
                                                                             sharedPass: shared))
                    .train([example], into: folder, context: RunContext(workDirectory: folder, threads: threadCount))
                models.append(("\(kind) model (untrained head)", folder))
                layouts["\(kind) model (untrained head)"] = layout
                if shared { sharedPass.insert("\(kind) model (untrained head)") }
            }
            for (name, folder) in models {
              for batchSize in inferenceBatch {
                let predictor = try SpanEncoderPredictor(modelDirectory: folder, threshold: 0.5, threads: threadCount,
                                                         batchSize: batchSize)
                _ = try predictor.predictQueries(Array(queries.prefix(26)))
                let t0 = Date()
                _ = try predictor.predictQueries(queries)
                let seconds = Date().timeIntervalSince(t0)
                let sentenceRate = Double(sentenceCount) / seconds
                if batchSize == figures.inferenceBatch, source != "synthetic sentences" {
                    switch layouts[name] {
                    case .allInOne: figures.allInOneSentencesPerSecond = sentenceRate
                    case .perType where sharedPass.contains(name): figures.sharedPassSentencesPerSecond = sentenceRate
                    case .perType: figures.perTypeSentencesPerSecond = sentenceRate
                    case nil: break
                    }
                }
                row("inference, \(source), \(name), \(batchSize) passes per batch",
                    String(format: "%.1f sentences/s = %.0f queries/s (%d sentences, %d queries, %.1f s)", sentenceRate,
                           Double(queries.count) / seconds, sentenceCount, queries.count, seconds),
                    String(format: "%.2f× GLiNER's 32 sentences/s (PEERS.md, first machine); %.2f× its 7.7 (PEERS.md, same-machine table)",
                           sentenceRate / Self.glinerInferenceSentencesTable, sentenceRate / Self.glinerInferenceSentencesSlowMachine))
              }
            }
            let rss = Double(Benchmark.peakResidentBytes())
            row("peak RSS (VmHWM) of the whole bench", String(format: "%.0f MB", rss / 1e6),
                "training, CoNLL training and three inference models held in one process")

            print(Self.peersNote(peak1: peak1, peak2: max(peak2, peak2Library)))
            print("")
            print("| measure | value | vs GLiNER (PEERS.md, another machine) / target |")
            print("|---|---|---|")
            for (name, value, comparison) in rows { print("| \(name) | \(value) | \(comparison) |") }

            if let peerRunner {
                logLine("[bench] measuring GLiNER with \(peerRunner.script.path) (\(peerSteps) training steps, \(peerRepeats) inference passes)")
                var peerEnvironment = environment
                peerEnvironment["UNINER_MODEL_DIR"] = backboneFolder.path
                if let dataRoot { peerEnvironment["UNINER_DATA"] = dataRoot.path }
                let peerFigures = try peerRunner.run(arguments: ["--max-steps", String(peerSteps), "--threads", String(threadCount),
                                                                 "--batch", "8", "--repeats", String(peerRepeats)],
                                                     environment: peerEnvironment)
                print("")
                print(PeerComparison(ours: figures, peer: peerFigures).markdown)
            }
        }
    }
}
