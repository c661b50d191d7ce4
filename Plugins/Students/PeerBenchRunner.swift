import Foundation

/// Runs `scripts/bench-gliner.sh` (GLiNER measured on this machine) and reads its JSON, so that `uniner bench
/// --peer` compares figures of one machine and one run.
///
/// The script is never asked to install: a missing venv is an error saying to run `scripts/bench-gliner.sh
/// --install` (it downloads about 5 GB), not a download started by a benchmark.
public struct PeerBenchRunner: Sendable {
    /// The script (`scripts/bench-gliner.sh`).
    public let script: URL
    /// The venv's Python, checked before our own figures are measured.
    public let python: URL

    /// What the script reports on exit 3 (`--no-install` with no venv).
    static let venvMissingStatus: Int32 = 3

    /// Finds the script and the venv.
    /// - Parameter environment: `UNINER_PEER_SCRIPT` (the script's path: used alone when set) and
    ///   `UNINER_TOOLS_CACHE` (the venv cache root, default `~/.cache/uniner`).
    /// - Throws: `PeerBenchError.scriptMissing` or `.venvMissing`.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let candidates: [URL]
        if let given = environment["UNINER_PEER_SCRIPT"] {
            candidates = [URL(fileURLWithPath: given)]
        } else {
            candidates = [OnnxExporter.repositoryRoot.appendingPathComponent("scripts/bench-gliner.sh"),
                          URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("scripts/bench-gliner.sh")]
        }
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw PeerBenchError.scriptMissing(tried: candidates.map(\.path))
        }
        script = found
        let cache = environment["UNINER_TOOLS_CACHE"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/uniner")
        python = cache.appendingPathComponent("gliner-venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw PeerBenchError.venvMissing(python.deletingLastPathComponent().deletingLastPathComponent().path)
        }
    }

    /// Runs the script with `arguments` (e.g. `--max-steps 120 --threads 2`); its progress goes to our stderr.
    /// - Parameter environment: the script's environment (`UNINER_DATA`, `UNINER_MODEL_DIR`, `UNINER_TOOLS_CACHE`).
    /// - Returns: the figures it printed.
    /// - Throws: `PeerBenchError.venvMissing` (exit 3), `.failed` with its last stderr lines, `.badOutput`.
    public func run(arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PeerBenchFigures {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-peer-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script.path, "--no-install", "--out", out.path] + arguments
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.standardError
        try process.run()
        // Passed through as it comes (a peer run takes minutes) and kept for the error message.
        var log = Data()
        let reader = errors.fileHandleForReading
        while true {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            FileHandle.standardError.write(chunk)
            log.append(chunk)
        }
        process.waitUntilExit()
        if process.terminationStatus == Self.venvMissingStatus {
            throw PeerBenchError.venvMissing(python.deletingLastPathComponent().deletingLastPathComponent().path)
        }
        guard process.terminationStatus == 0 else {
            let tail = String(decoding: log, as: UTF8.self).split(separator: "\n").suffix(8).joined(separator: "\n")
            throw PeerBenchError.failed(status: process.terminationStatus, tail: tail)
        }
        guard let data = FileManager.default.contents(atPath: out.path) else {
            throw PeerBenchError.badOutput("it exited 0 without writing \(out.path)")
        }
        return try PeerBenchFigures.decode(data)
    }
}
