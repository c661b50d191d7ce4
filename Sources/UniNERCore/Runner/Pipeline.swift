import Foundation

/// Runs a recipe through the declared stages (`StageDeclaration.all`: passages → annotations → queries → model
/// → predictions → metrics), each cached under the key `StageKeys` derives from the sections it reads and its
/// upstream stages' keys, so sweeps share common stages and a rerun after a crash resumes where it stopped.
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

    /// The run folder of a recipe variant: `<output>/<name>/<variant or "default">/`, and `seed-N/` below it
    /// for one entry of `seeds:`.
    public static func runFolder(for recipe: Recipe) -> URL {
        let variant = URL(fileURLWithPath: recipe.output).appendingPathComponent(recipe.name)
            .appendingPathComponent(RunFolderName.folder(forVariant: recipe.variant))
        return recipe.replicate.map { variant.appendingPathComponent("seed-\($0)") } ?? variant
    }

    /// Runs the recipe up to `last` (inclusive) and writes the run folder.
    public func run(_ recipe: Recipe, until last: PipelineStage = .metrics) async throws -> RunResult {
        try await execute(recipe, until: last).result
    }

    /// Walks `StageDeclaration.all` up to `last` (inclusive), each stage from the cache or computed, and writes
    /// the run folder.
    /// - Returns: the run with every stage's typed output, for commands that use them (`instructions`).
    public func execute(_ recipe: Recipe, until last: PipelineStage = .metrics) async throws -> StageRun {
        let run = try start(recipe, until: last)
        defer { try? writeStages(run.result, to: run.folder) }
        for declaration in StageDeclaration.all where declaration.stage <= last {
            try await declaration.body(self, run)
        }
        if run.evaluated { try writeResults(run) }
        return run
    }

    /// The run folder made ready, the plugins of the stages up to `last` built and their keys derived.
    func start(_ recipe: Recipe, until last: PipelineStage) throws -> StageRun {
        let folder = Self.runFolder(for: recipe)
        try Folders.create(folder)
        StaleWrites.clean(folder)
        // A cell is complete while its folder has a result of the recipe it holds: gone until this run ends.
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(Self.resultFile))
        try AtomicFile.write(recipe.yaml, to: folder.appendingPathComponent("recipe.yaml"))
        let plugins = try RunPlugins(recipe, registry: registry, base: datasets, reading: StageDeclaration.sections(upTo: last))
        let keys = try StageKeys.derive(recipe, upTo: last, inferenceOnly: plugins.student?.inferenceOnlyOptions ?? [],
                                        identity: plugins.identity(recipe))
        let run = StageRun(recipe: recipe, folder: folder, plugins: plugins, keys: keys,
                        context: { work, seed in
                            RunContext(seed: seed, workDirectory: work,
                                       cacheDirectory: store.root.appendingPathComponent("requests"),
                                       datasets: plugins.own ?? datasets, threads: threads, log: log)
                        })
        run.result.protocolLine = (try? ZeroShotCheck.protocolLine(recipe, registry: registry)) ?? nil
        run.result.inDomain = try? ZeroShotCheck.inDomainDatasets(recipe, registry: registry)
        run.result.summary = recipe.summary
        return run
    }

    /// Writes what a run that evaluated leaves: `metrics.json`, `report.md`, `results.csv` and, last, `result.json`.
    func writeResults(_ run: StageRun) throws {
        let folder = run.folder
        try AtomicFile.write(try JSONEncoder.pretty.encode(MetricsFile(run.result)), to: folder.appendingPathComponent("metrics.json"))
        try AtomicFile.write(RunReport(result: run.result).markdown(), to: folder.appendingPathComponent("report.md"))
        try AtomicFile.write(RunReport(result: run.result).csv(), to: folder.appendingPathComponent("results.csv"))
        // The model card goes beside the weights, in the folder of the model artifact the student returned.
        if let model = run.model {
            try ModelCard(recipe: run.recipe, result: run.result).write(into: model.folder)
        }
        // Last: what `uniner report` reads to assemble a sweep's comparison from cells run apart.
        try AtomicFile.write(try JSONEncoder.pretty.encode(run.result), to: folder.appendingPathComponent(Self.resultFile))
    }

    /// Runs a stage of `run` unless its key is complete; stores its value and report in `done.json` and appends
    /// its record to the run's result.
    ///
    /// Two locks make a shared stage computed once: `StageLocks` between this process's variants, then the
    /// stage folder's `StageFileLock` between processes (other cells of a sweep, on this machine or another one
    /// sharing the cache). A waiter reads the holder's result when it completed, and takes over when the holder
    /// died: the folder's partial output is then resumed or cleaned as after a crash.
    func stage<T: Codable & Sendable>(
        _ stage: PipelineStage, dataset: String? = nil, of run: StageRun,
        _ body: (URL) async throws -> (T, StageReport)
    ) async throws -> StageOutput<T> {
        guard let key = run.keys.key(stage, dataset: dataset) else {
            throw UniNERError("no cache key was derived for stage '\(stage.rawValue)'",
                              help: "a stage runs only up to the stage its run was started for")
        }
        let label = StageRecord(stage: stage, dataset: dataset, key: key, cached: false, seconds: 0, report: StageReport()).label
        return try await locks.withLock(key) {
            let started = Date()
            func cached(_ done: StageOutput<T>, _ how: String) -> StageOutput<T> {
                log("[\(label)] \(how) (\(key.prefix(12)))")
                run.result.stages.append(StageRecord(stage: stage, dataset: dataset, key: key, cached: true, seconds: 0,
                                                     report: done.report))
                return done
            }
            if let done = store.completed(StageOutput<T>.self, stage: stage.rawValue, key: key) { return cached(done, "cached") }
            let location = store.location(stage: stage.rawValue, key: key)
            try Folders.create(location)
            let lock = StageFileLock(folder: location)
            let outcome = try await lock.acquire { holder in
                log("[\(label)] waiting for \(holder.map { "\($0)" } ?? "another process") to finish it (\(key.prefix(12)))")
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
                log("[\(label)] taking over: pid \(holder.pid) on \(holder.host) ended without completing it (\(key.prefix(12)))")
            } else {
                log("[\(label)] running (\(key.prefix(12)))")
            }
            let work = try store.folder(stage: stage.rawValue, key: key, locked: true)
            let (value, report) = try await body(work)
            if let reason = report.incomplete {
                log("[\(label)] not cached: \(reason)")
            } else {
                try store.complete(StageOutput(value: value, report: report), stage: stage.rawValue, key: key)
            }
            let seconds = Date().timeIntervalSince(started)
            log("[\(label)] done in \(ProgressReporter.duration(seconds))")
            run.result.stages.append(StageRecord(stage: stage, dataset: dataset, key: key, cached: false, seconds: seconds,
                                                 report: report))
            return StageOutput(value: value, report: report)
        }
    }

    /// The working folder of a stage record (where it keeps artifacts such as `conversations.jsonl`).
    public func folder(of record: StageRecord) -> URL {
        store.location(stage: record.stage.rawValue, key: record.key)
    }

    func writeStages(_ result: RunResult, to folder: URL) throws {
        try AtomicFile.write(try JSONEncoder.pretty.encode(result.stages), to: folder.appendingPathComponent("stages.json"))
    }

    /// A cache key: the SHA-256 of the parts, each length-prefixed so that no two part lists collide.
    public static func key(_ parts: String...) -> String {
        StageKeys.hash(parts)
    }
}

/// A completed stage's value and report, as stored in its `done.json`.
struct StageOutput<T: Codable & Sendable>: Codable, Sendable {
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
