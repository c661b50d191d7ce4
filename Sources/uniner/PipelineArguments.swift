import ArgumentParser
import Foundation
import UniNERCatalog
import UniNERCore

/// Options shared by the commands that run pipeline stages.
struct PipelineArguments: ParsableArguments {
    @Option(help: "Benchmark folder (default: $UNINER_DATA, else ../shared/benchmark).")
    var data: String?

    @Option(help: "Stage cache folder (default: $UNINER_CACHE, else <output>/.cache).")
    var cache: String?

    @Option(help: "Threads for training and prediction (default: $SLURM_CPUS_PER_TASK inside a Slurm task, else all cores).")
    var threads: Int?

    /// The benchmark's provider under `--data` (or `UNINER_DATA`, or `../shared/benchmark`).
    var benchmark: (any DatasetProvider)? {
        Catalog.datasets(root: data.map { URL(fileURLWithPath: $0) } ?? RunContext.defaultDataRoot())
    }

    /// `--threads`, else the CPUs Slurm gave this task (without cgroups a task sees every core of its node, and
    /// cells sharing a node would oversubscribe it), else every core.
    var defaultThreads: Int {
        threads ?? ProcessInfo.processInfo.environment["SLURM_CPUS_PER_TASK"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
            ?? ProcessInfo.processInfo.activeProcessorCount
    }

    func pipeline(for recipe: Recipe) -> Pipeline {
        let root = data.map { URL(fileURLWithPath: $0) } ?? RunContext.defaultDataRoot()
        let environment = ProcessInfo.processInfo.environment
        let cacheRoot = cache ?? environment["UNINER_CACHE"] ?? URL(fileURLWithPath: recipe.output)
            .appendingPathComponent(".cache").path
        return Pipeline(registry: Catalog.registry, datasets: Catalog.datasets(root: root),
                        domains: Dictionary(Catalog.benchmark.map { ($0.name, $0.domain) }, uniquingKeysWith: { a, _ in a }),
                        cacheRoot: URL(fileURLWithPath: cacheRoot),
                        threads: defaultThreads, log: logLine)
    }
}
