import Foundation
import Yams

/// Runs a recipe's stages (passages → annotations → queries → model → predictions → metrics), each cached
/// under a key hashed from its own recipe section and its inputs' keys, so sweeps share common stages and a
/// rerun after a crash resumes where it stopped.
public struct Pipeline: Sendable {
    public var registry: PluginRegistry
    public var datasets: (any DatasetProvider)?
    /// Domain of each benchmark dataset, for per-domain averages.
    public var domains: [String: String]
    /// Root of the stage cache (shared by every run and variant).
    public var store: StageStore
    public var threads: Int
    public var log: @Sendable (String) -> Void
    let locks = StageLocks()

    public init(registry: PluginRegistry, datasets: (any DatasetProvider)?, domains: [String: String] = [:],
                cacheRoot: URL, threads: Int = 1, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.registry = registry
        self.datasets = datasets
        self.domains = domains
        self.store = StageStore(root: cacheRoot)
        self.threads = threads
        self.log = log
    }

    /// The file of a run folder holding its whole `RunResult`, written when the run completes its metrics.
    public static let resultFile = "result.json"

    /// The run folder of a recipe variant: `<output>/<name>/<variant or "default">/`.
    public static func runFolder(for recipe: Recipe) -> URL {
        URL(fileURLWithPath: recipe.output).appendingPathComponent(recipe.name)
            .appendingPathComponent(RunFolderName.folder(forVariant: recipe.variant))
    }

    func context(_ recipe: Recipe, work: URL, datasets: (any DatasetProvider)?) -> RunContext {
        RunContext(seed: recipe.seed, dataRoot: nil, workDirectory: work,
                   cacheDirectory: store.root.appendingPathComponent("requests"), datasets: datasets,
                   threads: threads, log: log)
    }

    /// `key` extended by `identity` when there is one, so keys of recipes without own datasets stay as they were.
    static func key(_ key: String, adding identity: String) -> String {
        identity.isEmpty ? key : Self.key(key, "own-datasets", identity)
    }

    /// Runs the recipe up to `last` (inclusive) and writes the run folder.
    public func run(_ recipe: Recipe, until last: PipelineStage = .metrics) async throws -> RunResult {
        let folder = Self.runFolder(for: recipe)
        try Folders.create(folder)
        StaleWrites.clean(folder)
        // A cell is complete while its folder has a result of the recipe it holds: gone until this run ends.
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(Self.resultFile))
        try AtomicFile.write(recipe.yaml, to: folder.appendingPathComponent("recipe.yaml"))
        var result = RunResult(recipe: recipe.name, variant: recipe.variant, folder: folder.path, stages: [], scores: [:],
                               domains: [:], datasets: recipe.evaluate?.datasets ?? [],
                               metrics: recipe.evaluate?.metrics ?? [])
        defer { try? writeStages(result, to: folder) }
        let style = try registry.make(.prompt, recipe.prompt, as: (any PromptStyle).self)
        // The recipe's own datasets over the benchmark's; stages that read one hash its files into their key.
        let own = recipe.datasets.isEmpty ? nil : try RecipeDatasets(recipe.datasets, base: self.datasets, registry: registry)
        let datasets: (any DatasetProvider)? = own ?? self.datasets
        func context(_ recipe: Recipe, work: URL) -> RunContext { self.context(recipe, work: work, datasets: datasets) }

        // passages
        let passagesKey = Self.key(Self.key("passages", recipe.corpus.map { Self.canonical($0) } ?? "none", String(recipe.seed)),
                                   adding: recipe.corpus.flatMap { own?.identity(mentionedIn: $0.options) } ?? "")
        let passages: [Passage] = try await stage(.passages, key: passagesKey, into: &result) { work in
            guard let section = recipe.corpus else { return ([], StageReport(notes: ["no corpus: the annotator brings its passages"])) }
            let corpus = try registry.make(.corpus, section, as: (any CorpusSource).self)
            let passages = try corpus.passages(context: context(recipe, work: work))
            return (passages, StageReport(counters: ["passages": Double(passages.count)]))
        }
        guard last > .passages else { return result }

        // annotations
        let annotator = try recipe.annotator.map { try registry.make(.annotator, $0, as: (any Annotator).self) }
        var annotationsKey = Self.key(Self.key("annotations", passagesKey, recipe.annotator.map { Self.canonical($0) } ?? "none",
                                               Self.canonical(recipe.prompt)),
                                      adding: recipe.annotator.flatMap { own?.identity(mentionedIn: $0.options) } ?? "")
        // Only when there is one, so keys of annotators that read no file stay what they were.
        if let identity = try annotator?.cacheIdentity(), !identity.isEmpty {
            annotationsKey = Self.key("annotations", annotationsKey, identity)
        }
        let annotated: [AnnotatedPassage] = try await stage(.annotations, key: annotationsKey, into: &result) { work in
            guard let annotator else { return ([], StageReport(notes: ["no annotator"])) }
            let outcome = try await annotator.annotate(passages, style: style, context: context(recipe, work: work))
            var report = outcome.report
            if !outcome.failedPassageIDs.isEmpty {
                let shown = outcome.failedPassageIDs.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
                report.incomplete = "the teacher failed on \(outcome.failedPassageIDs.count) of \(passages.count) passages "
                    + "(\(shown)\(outcome.failedPassageIDs.count > 3 ? ", ..." : "")); the next run asks for them again"
            }
            report.counters["annotated passages"] = Double(outcome.passages.count)
            report.counters["mentions"] = Double(outcome.passages.reduce(0) { $0 + $1.mentions.count })
            return (outcome.passages, report)
        }
        guard last > .annotations else { return result }

        // instruction queries (distilled data + supervised mix)
        let queriesKey = Self.key(Self.key("queries", annotationsKey, Self.canonical(recipe.queries.template),
                                           Self.canonical(recipe.queries.negatives), String(recipe.queries.datasetField),
                                           Self.canonical(recipe.supervised), Self.canonical(recipe.prompt), String(recipe.seed)),
                                  adding: own?.identity(of: recipe.supervised.map(\.dataset)) ?? "")
        let examples: [InstructionExample] = try await stage(.queries, key: queriesKey, into: &result) { work in
            let builder = InstructionBuilder(
                template: try registry.make(.template, recipe.queries.template, as: (any QueryTemplate).self),
                sampler: try registry.make(.negatives, recipe.queries.negatives, as: (any NegativeSampler).self),
                style: style, datasetField: recipe.queries.datasetField, seed: recipe.seed)
            let supervised = try SupervisedMix(sources: recipe.supervised, datasets: datasets, style: style, seed: recipe.seed)
                .passages()
            let built = builder.build(distilled: annotated, supervised: supervised)
            try JSONLines.write(built.conversations, to: work.appendingPathComponent("conversations.jsonl"))
            return (built.examples, built.report)
        }
        guard last > .queries else { return result }

        // model: train the student (if any); predict with the recipe's predictor if it names one, else the student
        var modelKey = "none"
        var predictor: (any Predictor)?
        if let section = recipe.student {
            let student = try registry.make(.student, section, as: (any Student).self)
            let trainingSection = Self.canonical(section, without: student.inferenceOnlyOptions)
            modelKey = Self.key("model", queriesKey, trainingSection, String(recipe.seed))
            // Only its place: another process may be training there (it holds the stage lock), so nothing is cleaned.
            let modelFolder = store.location(stage: PipelineStage.model.rawValue, key: modelKey)
            let _: Int = try await stage(.model, key: modelKey, into: &result) { work in
                let report = try await student.train(examples, into: work, context: context(recipe, work: work))
                return (examples.count, report)
            }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("model"))
            try? FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("model"), withDestinationURL: modelFolder)
            if recipe.predictor == nil, last > .model {
                predictor = try student.predictor(modelDirectory: modelFolder, context: context(recipe, work: modelFolder))
                // Predictions depend on the inference options the model key leaves out.
                modelKey = Self.key("trained", modelKey, Self.canonical(section))
            }
        }
        if let section = recipe.predictor {
            let made = try registry.make(.predictor, section, as: (any Predictor).self)
            predictor = made
            modelKey = Self.key("predictor", modelKey, Self.canonical(section), try made.cacheIdentity())
        }
        guard last > .model, let evaluate = recipe.evaluate else { return result }
        guard let predictor else {
            throw UniNERError("the recipe evaluates but has neither a 'student' nor a 'predictor' section",
                              help: "add 'student: {kind: span-encoder}' or 'predictor: {kind: openai, ...}'")
        }
        guard let datasets else {
            throw UniNERError("no benchmark data found for evaluation", help: "set UNINER_DATA to the benchmark folder")
        }

        // predictions and metrics, per evaluation dataset
        let metrics = try evaluate.metrics.map { try registry.make(.metric, kind: $0, as: (any Metric).self) }
        let predictionsFolder = folder.appendingPathComponent("predictions")
        try Folders.create(predictionsFolder)
        StaleWrites.clean(predictionsFolder)
        for dataset in evaluate.datasets {
            var split = try datasets.load(dataset: dataset, split: evaluate.split)
            if let limit = evaluate.maxSentences { split.sentences = Array(split.sentences.prefix(limit)) }
            var queries = EvaluationQueryBuilder.queries(for: split)
            if evaluate.datasetField {
                queries = queries.map { var query = $0; query.datasetField = true; return query }
            }
            // Every style names a type its own way (`type` by the type itself, `definition` by its definition).
            queries = try queries.map { var query = $0; query.label = try style.label(forType: query.label); return query }
            let predictionsKey = Self.key(Self.key("predictions", modelKey, dataset, evaluate.split,
                                                   String(evaluate.maxSentences ?? 0), String(evaluate.datasetField),
                                                   Self.canonical(recipe.prompt)),
                                          adding: own?.identity(of: [dataset]) ?? "")
            let predictions: [Prediction] = try await stage(.predictions, key: predictionsKey, into: &result,
                                                            label: "predictions \(dataset)") { work in
                let predictions = try await predictor.predict(queries, context: context(recipe, work: work))
                return (predictions, StageReport(counters: ["queries": Double(queries.count)]))
            }
            try JSONLines.write(predictions, to: predictionsFolder.appendingPathComponent("\(dataset).jsonl"))
            guard last >= .metrics else { continue }
            let byID = try PredictionIndex.byID(predictions, source: "predictions of \(dataset)")
            let pairs = queries.map { ScoredQuery(query: $0, prediction: byID[$0.id]) }
            result.scores[dataset] = Dictionary(uniqueKeysWithValues: metrics.map { ($0.name, $0.score(pairs)) })
            result.domains[dataset] = own?.dataset(named: dataset).map { $0.domain ?? "other" } ?? domains[dataset] ?? "other"
            var seenLabels = Set<String>()
            result.labels[dataset] = queries.map(\.label).filter { seenLabels.insert($0).inserted }
            log("[metrics] \(dataset): " + evaluate.metrics.compactMap { name in
                result.scores[dataset]?[name].map { "\(name) F1 \(String(format: "%.1f", $0.f1 * 100))" }
            }.joined(separator: ", "))
        }
        try AtomicFile.write(try JSONEncoder.pretty.encode(result.scores), to: folder.appendingPathComponent("metrics.json"))
        try AtomicFile.write(RunReport(result: result).markdown(), to: folder.appendingPathComponent("report.md"))
        try AtomicFile.write(RunReport(result: result).csv(), to: folder.appendingPathComponent("results.csv"))
        // The model card goes beside the weights (the run's `model` link into the model stage).
        if recipe.student != nil { try ModelCard(recipe: recipe, result: result).write(into: folder.appendingPathComponent("model")) }
        // Last: what `uniner report` reads to assemble a sweep's comparison from cells run apart.
        try AtomicFile.write(try JSONEncoder.pretty.encode(result), to: folder.appendingPathComponent(Self.resultFile))
        return result
    }

    /// Runs a stage unless its key is complete; stores its artifact as `artifact.json` and its record.
    ///
    /// Two locks make a shared stage computed once: `StageLocks` between this process's variants, then the
    /// stage folder's `StageFileLock` between processes (other cells of a sweep, on this machine or another one
    /// sharing the cache). A waiter reads the holder's result when it completed, and takes over when the holder
    /// died: the folder's partial output is then resumed or cleaned as after a crash.
    func stage<T: Codable & Sendable>(
        _ stage: PipelineStage, key: String, into result: inout RunResult, label: String? = nil,
        _ body: (URL) async throws -> (T, StageReport)
    ) async throws -> T {
        let name = label ?? stage.rawValue
        return try await locks.withLock(key) {
            let started = Date()
            func cached(_ done: StageOutput<T>, _ how: String) -> T {
                log("[\(name)] \(how) (\(key.prefix(12)))")
                result.stages.append(StageRecord(stage: name, key: key, cached: true, seconds: 0, report: done.report))
                return done.value
            }
            if let done = store.completed(StageOutput<T>.self, stage: stage.rawValue, key: key) { return cached(done, "cached") }
            let location = store.location(stage: stage.rawValue, key: key)
            try Folders.create(location)
            let lock = StageFileLock(folder: location)
            let outcome = try await lock.acquire { holder in
                log("[\(name)] waiting for \(holder.map { "\($0)" } ?? "another process") to finish it (\(key.prefix(12)))")
            }
            defer { lock.release() }
            var holder: StageFileLock.Holder?
            if case .waited(let previous, let seconds) = outcome {
                holder = previous
                if let done = store.completed(StageOutput<T>.self, stage: stage.rawValue, key: key) {
                    return cached(done, "computed by \(previous.map { "pid \($0.pid) on \($0.host)" } ?? "another process") "
                                  + "after \(ProgressReporter.duration(seconds)) of waiting; read from the cache")
                }
            }
            if let holder {
                log("[\(name)] taking over: pid \(holder.pid) on \(holder.host) ended without completing it (\(key.prefix(12)))")
            } else {
                log("[\(name)] running (\(key.prefix(12)))")
            }
            let work = try store.folder(stage: stage.rawValue, key: key, locked: true)
            let (value, report) = try await body(work)
            if let reason = report.incomplete {
                log("[\(name)] not cached: \(reason)")
            } else {
                try store.complete(StageOutput(value: value, report: report), stage: stage.rawValue, key: key)
            }
            let seconds = Date().timeIntervalSince(started)
            log("[\(name)] done in \(ProgressReporter.duration(seconds))")
            result.stages.append(StageRecord(stage: name, key: key, cached: false, seconds: seconds, report: report))
            return value
        }
    }

    /// The stored value of a completed stage (e.g. the annotated passages of an `annotations` record).
    public func cachedValue<T: Codable>(_ type: T.Type, of record: StageRecord) -> T? {
        let stage = record.stage.split(separator: " ").first.map(String.init) ?? record.stage
        return store.completed(StageOutput<T>.self, stage: stage, key: record.key)?.value
    }

    /// The working folder of a stage record (where it keeps artifacts such as `conversations.jsonl`).
    public func folder(of record: StageRecord) throws -> URL {
        try store.folder(stage: record.stage.split(separator: " ").first.map(String.init) ?? record.stage, key: record.key)
    }

    func writeStages(_ result: RunResult, to folder: URL) throws {
        try AtomicFile.write(try JSONEncoder.pretty.encode(result.stages), to: folder.appendingPathComponent("stages.json"))
    }

    /// A cache key: the SHA-256 of the parts, each length-prefixed so that no two part lists collide.
    public static func key(_ parts: String...) -> String {
        SHA256.hex(parts.map { "\($0.utf8.count):\($0)" }.joined(separator: "|"))
    }

    /// A section in canonical YAML (sorted keys), so formatting and key order do not change its key.
    static func canonical(_ section: PluginSection, without excluded: [String] = []) -> String {
        var pairs: [(Node, Node)] = [(Node("kind"), Node(section.kind))]
        if case .mapping(let mapping) = section.options {
            pairs += mapping.filter { !excluded.contains($0.key.string ?? "") }.map { ($0.key, $0.value) }
        }
        return (try? Yams.serialize(node: Node(pairs), sortKeys: true)) ?? section.kind
    }

    static func canonical<T: Encodable>(_ value: T) -> String {
        String(decoding: (try? JSONEncoder.stable.encode(value)) ?? Data(), as: UTF8.self)
    }
}

/// A completed stage's value and report, as stored in its `done.json`.
struct StageOutput<T: Codable>: Codable {
    var value: T
    var report: StageReport
}

extension SupervisedSource: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(dataset, forKey: .dataset)
        try c.encode(split, forKey: .split)
        try c.encodeIfPresent(count, forKey: .count)
        try c.encode(weight, forKey: .weight)
        try c.encode(datasetField, forKey: .datasetField)
    }
}

extension JSONEncoder {
    /// Indented, sorted keys: for files people read (metrics, stage records).
    public static var pretty: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

/// Serialises stages with equal keys across concurrently running sweep variants, so a shared stage is
/// computed once and the others read its cached result.
actor StageLocks {
    private var busy: Set<String> = []
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    func acquire(_ key: String) async {
        while busy.contains(key) {
            await withCheckedContinuation { waiters[key, default: []].append($0) }
        }
        busy.insert(key)
    }

    func release(_ key: String) {
        busy.remove(key)
        let pending = waiters.removeValue(forKey: key) ?? []
        pending.forEach { $0.resume() }
    }

    nonisolated func withLock<T: Sendable>(_ key: String, _ body: () async throws -> T) async throws -> T {
        await acquire(key)
        do {
            let value = try await body()
            await release(key)
            return value
        } catch {
            await release(key)
            throw error
        }
    }
}
