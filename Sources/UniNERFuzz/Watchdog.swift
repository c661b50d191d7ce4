import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A thread that ends the process when one case runs over the time limit (exit 3, input saved under `hangs/`)
/// or the resident set grows over the memory limit (exit 4, input saved under `oom/`).
final class Watchdog: @unchecked Sendable {
    // @unchecked: every mutable field is read and written under `lock`.
    static let hangExit: Int32 = 3
    static let memoryExit: Int32 = 4

    private let lock = NSLock()
    private var started: Date?
    private var input: [UInt8] = []
    private var stats: FuzzStats
    private let timeLimit: Double
    private let memoryLimitKilobytes: Int
    private let out: URL
    private let statsFile: URL

    init(timeLimit: Double, memoryLimitMB: Int, out: URL, statsFile: URL, stats: FuzzStats) {
        self.timeLimit = timeLimit
        self.memoryLimitKilobytes = memoryLimitMB * 1024
        self.out = out
        self.statsFile = statsFile
        self.stats = stats
    }

    /// Marks the start of a case.
    func begin(_ input: [UInt8]) {
        lock.lock(); defer { lock.unlock() }
        self.input = input
        started = Date()
    }

    /// Marks its end, with the stats so far (what an early exit reports).
    func end(_ stats: FuzzStats) {
        lock.lock(); defer { lock.unlock() }
        started = nil
        self.stats = stats
    }

    func start() {
        let thread = Thread { [self] in
            while true {
                usleep(20_000)
                check()
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func check() {
        // /proc is read outside the lock, so that the fuzzed thread never waits on it.
        let rss = FuzzStats.currentRSSKilobytes()
        lock.lock(); defer { lock.unlock() }
        guard let started else { return }
        let elapsed = Date().timeIntervalSince(started)
        if elapsed > timeLimit {
            finish(folder: "hangs", reason: String(format: "hang: one case ran over %.1f s", elapsed), code: Self.hangExit)
        }
        if rss > memoryLimitKilobytes {
            finish(folder: "oom", reason: "oom: resident set \(rss / 1024) MB over the \(memoryLimitKilobytes / 1024) MB limit",
                   code: Self.memoryExit)
        }
    }

    private func finish(folder: String, reason: String, code: Int32) -> Never {
        let directory = out.appendingPathComponent(folder).appendingPathComponent(stats.target)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("\(folder)-\(FuzzHash.hex(input))")
        try? Data(input).write(to: file)
        var final = stats
        final.cases += 1
        final.write(to: statsFile)
        FileHandle.standardError.write(Data("uniner-fuzz: \(stats.target): \(reason); input saved to \(file.path)\n".utf8))
        _exit(code)
    }
}
