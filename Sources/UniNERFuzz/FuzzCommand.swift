import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `uniner-fuzz`: a seeded mutation fuzzer of the recipe loader and every dataset-format reader.
///
/// Exit codes: 0 done, 3 a case ran over `--time-limit` (input under `OUT/hangs/`), 4 memory over
/// `--memory-limit-mb` (input under `OUT/oom/`), 5 a reader returned inconsistent sentences; a crash leaves its
/// input in `OUT/current-<target>`. `scripts/fuzz.sh` drives it over every target.
@main
struct FuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uniner-fuzz",
        abstract: "Fuzz the recipe loader or a dataset-format reader with seeded mutations of a corpus."
    )

    @Flag(help: "Print the target names and exit.") var listTargets = false
    @Option(help: "recipe, or a dataset format kind (conll, sofc, ...).") var target: String?
    @Option(help: "The seed inputs (default Tests/Fuzz/Corpus/<target>).") var corpus: String?
    @Option(help: "Where current inputs, hangs and stats go.") var out = ".build/fuzz"
    @Option(help: "Where the stats line goes (default OUT/stats/<target>.txt).") var stats: String?
    @Option(help: "Seed of the mutation sequence.") var seed: UInt64 = 1
    @Option(help: "Seconds to run.") var seconds: Double = 60
    @Option(help: "Stop after this many cases.") var cases: Int?
    @Flag(help: "Start mutating at once, without running the seeds themselves first (for restarts).") var skipSeeds = false
    @Option(help: "Largest mutated input, in bytes.") var maxSize = 262_144
    @Option(help: "Seconds one case may run before it counts as a hang.") var timeLimit = 5.0
    @Option(help: "Resident set, in MB, over which the case counts as out of memory.") var memoryLimitMb = 1024
    @Option(help: "Run these inputs once each, unmutated, and print how each ended.") var replay: [String] = []

    func run() throws {
        let targets = try FuzzTarget.all()
        if listTargets {
            print(targets.map(\.name).joined(separator: "\n"))
            return
        }
        guard let name = target, let chosen = targets.first(where: { $0.name == name }) else {
            throw ValidationError("--target must be one of: \(targets.map(\.name).joined(separator: ", "))")
        }
        limitAddressSpace()
        let outURL = URL(fileURLWithPath: out)
        let statsURL = URL(fileURLWithPath: stats ?? "\(out)/stats/\(name).txt")
        for folder in [outURL, statsURL.deletingLastPathComponent()] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let files = replay.isEmpty ? try seedFiles(in: corpus ?? "Tests/Fuzz/Corpus/\(name)") : replay.map(URL.init(fileURLWithPath:))
        let inputs = try files.map { [UInt8](try Data(contentsOf: $0)) }
        guard !inputs.isEmpty else { throw ValidationError("no seed inputs for '\(name)'") }
        if !replay.isEmpty {
            try replayInputs(chosen, files: files, inputs: inputs, out: outURL)
            return
        }
        let loop = FuzzLoop(target: chosen, seeds: inputs, out: outURL, statsFile: statsURL, seed: seed, seconds: seconds,
                            maxCases: cases, skipSeeds: skipSeeds, maxSize: maxSize, timeLimit: timeLimit, memoryLimitMB: memoryLimitMb)
        let result = try loop.run()
        print(result.line)
    }

    /// The corpus files, sorted by name so the mutation sequence depends on the seed only.
    func seedFiles(in folder: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted()
            .map { URL(fileURLWithPath: folder).appendingPathComponent($0) }
    }

    func replayInputs(_ target: FuzzTarget, files: [URL], inputs: [[UInt8]], out: URL) throws {
        let work = out.appendingPathComponent("work-replay-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        for (file, input) in zip(files, inputs) {
            let start = Date()
            let outcome: String
            do {
                try target.run(try target.input.materialize(input, in: work), 0)
                outcome = "accepted"
            } catch {
                outcome = "error: \(String(describing: error).prefix(300))"
            }
            print(String(format: "%@: %.3f s: %@", file.lastPathComponent, Date().timeIntervalSince(start), outcome))
        }
    }

    /// A hard backstop under the watchdog's resident-set check: allocations past 4 GB of address space fail.
    func limitAddressSpace() {
        let bytes = rlim_t(max(memoryLimitMb * 3, 4096)) * 1024 * 1024
        var limit = rlimit(rlim_cur: bytes, rlim_max: bytes)
        _ = setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
    }
}
