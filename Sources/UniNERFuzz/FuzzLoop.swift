import Foundation

/// The seeded mutation loop for one target: pick a seed (or an accepted mutant), mutate it, save it as
/// `current-<target>`, run it under the watchdog; accepted mutants join the pool.
struct FuzzLoop {
    var target: FuzzTarget
    var seeds: [[UInt8]]
    var out: URL
    var statsFile: URL
    var seed: UInt64
    var seconds: Double
    var maxCases: Int?
    /// Whether to skip running the unmutated seeds first.
    var skipSeeds: Bool
    var maxSize: Int
    var timeLimit: Double
    var memoryLimitMB: Int

    /// The most accepted mutants kept besides the seeds.
    static let poolLimit = 256

    /// Runs until the time or case budget is spent; returns the stats.
    func run() throws -> FuzzStats {
        let work = out.appendingPathComponent("work-\(target.name)-\(getpid())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let current = out.appendingPathComponent("current-\(target.name)")
        var stats = FuzzStats(target: target.name)
        let watchdog = Watchdog(timeLimit: timeLimit, memoryLimitMB: memoryLimitMB, out: out, statsFile: statsFile, stats: stats)
        watchdog.start()
        let mutator = Mutator(maxSize: maxSize, seeds: seeds)
        var random = FuzzRandom(seed: seed)
        var pool = seeds
        let deadline = Date().addingTimeInterval(seconds)
        var lastWrite = Date()
        while Date() < deadline && stats.cases < (maxCases ?? .max) {
            // The first cases are the seeds themselves, unmutated.
            let input: [UInt8]
            if !skipSeeds && stats.cases < seeds.count {
                input = seeds[stats.cases]
            } else {
                input = mutator.mutate(pool[random.below(pool.count)], other: pool[random.below(pool.count)], random: &random)
            }
            try RawFile.write(input, to: current.path)
            let url = try target.input.materialize(input, in: work)
            watchdog.begin(input)
            let start = Date()
            var accepted = false
            do {
                try target.run(url, stats.cases)
                accepted = true
            } catch let finding as FuzzFinding {
                FileHandle.standardError.write(Data("uniner-fuzz: \(target.name): finding: \(finding)\n".utf8))
                stats.write(to: statsFile)
                exit(5)
            } catch {
                stats.errors += 1
            }
            stats.slowestSeconds = max(stats.slowestSeconds, Date().timeIntervalSince(start))
            stats.cases += 1
            if accepted {
                stats.accepted += 1
                if stats.cases > seeds.count {
                    if pool.count < seeds.count + Self.poolLimit { pool.append(input) } else {
                        pool[seeds.count + random.below(Self.poolLimit)] = input
                    }
                }
            }
            watchdog.end(stats)
            // Often, so that a crash loses little of the count (the driver adds the crashing case itself).
            if Date().timeIntervalSince(lastWrite) > 0.2 {
                stats.write(to: statsFile)
                lastWrite = Date()
            }
        }
        stats.write(to: statsFile)
        try? FileManager.default.removeItem(at: current)
        return stats
    }
}
