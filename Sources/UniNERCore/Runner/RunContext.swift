import Foundation

/// What a plugin may know about the run it is part of: seed, folders, environment, datasets, logging.
public struct RunContext: Sendable {
    public var seed: UInt64
    /// A folder the current stage may write to (its artifacts and checkpoints).
    public var workDirectory: URL
    /// A folder shared by all runs for plugins' own caches (the annotator's request cache).
    public var cacheDirectory: URL
    /// The process environment, where secrets such as API keys are read (never written anywhere).
    public var environment: [String: String]
    /// Loads benchmark datasets by name, when a provider is registered.
    public var datasets: (any DatasetProvider)?
    /// Number of threads the stage may use.
    public var threads: Int
    /// Progress and diagnostics, one line at a time (stderr in the CLI).
    public var log: @Sendable (String) -> Void

    public init(seed: UInt64 = 13, workDirectory: URL, cacheDirectory: URL? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                datasets: (any DatasetProvider)? = nil, threads: Int = 1,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.seed = seed
        self.workDirectory = workDirectory
        self.cacheDirectory = cacheDirectory ?? workDirectory.appendingPathComponent("cache")
        self.environment = environment
        self.datasets = datasets
        self.threads = threads
        self.log = log
    }

    /// The same context with another work directory (for a sub-stage).
    public func with(workDirectory: URL) -> RunContext {
        var copy = self
        copy.workDirectory = workDirectory
        return copy
    }

    /// The benchmark folder: `UNINER_DATA` if set, else `../shared/benchmark` from the current directory.
    public static func defaultDataRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let path = environment["UNINER_DATA"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let candidate = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("../shared/benchmark").standardized
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }
}
