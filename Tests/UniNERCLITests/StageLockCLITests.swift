import Foundation
import XCTest

/// Two cells of one sweep in two processes over one cache: the stage they share is computed once, behind the
/// stage folder's lock; the waiter says whom it waits for, and takes over when that process is killed.
final class StageLockCLITests: XCTestCase {
    func testTwoCellsStartedTogetherComputeTheSharedStageOnce() throws {
        let folder = try CLIRunner.file("", name: "placeholder", test: self).deletingLastPathComponent()
        let recipe = try SweepFixtures.slowTeacherSweep(in: folder, sleep: 3)
        let cells = try (0..<2).map { try Cell(recipe, index: $0, in: folder) }
        for cell in cells { XCTAssertEqual(cell.waitForExit(), 0, cell.log) }
        let calls = try String(contentsOf: folder.appendingPathComponent("calls.txt"), encoding: .utf8)
        XCTAssertEqual(calls, "called\n", "the teacher ran more than once")
        let logs = cells.map(\.log)
        let waiter = try XCTUnwrap(logs.firstIndex { $0.contains("[annotations] waiting for pid") }, logs.joined(separator: "\n---\n"))
        XCTAssertTrue(logs[waiter].contains("[annotations] computed by pid \(cells[1 - waiter].pid)"), logs[waiter])
        XCTAssertTrue(logs[1 - waiter].contains("[annotations] running"), logs[1 - waiter])
        XCTAssertFalse(logs[1 - waiter].contains("waiting for"), logs[1 - waiter])
    }

    func testKillingTheHolderLetsTheWaiterTakeOverAndFinish() throws {
        let folder = try CLIRunner.file("", name: "placeholder", test: self).deletingLastPathComponent()
        let recipe = try SweepFixtures.slowTeacherSweep(in: folder, sleep: 4)
        let holder = try Cell(recipe, index: 0, in: folder)
        try holder.waitForLog("[annotations] running")
        let waiter = try Cell(recipe, index: 1, in: folder)
        try waiter.waitForLog("[annotations] waiting for pid \(holder.pid) on ")
        kill(holder.pid, SIGKILL)
        XCTAssertEqual(holder.waitForExit(), 128 + SIGKILL)
        XCTAssertEqual(waiter.waitForExit(), 0, waiter.log)
        XCTAssertTrue(waiter.log.contains("[annotations] taking over: pid \(holder.pid) on "), waiter.log)
        let calls = try String(contentsOf: folder.appendingPathComponent("calls.txt"), encoding: .utf8)
        XCTAssertEqual(calls, "called\ncalled\n", "the killed holder's call, then the waiter's")
        // The waiter completed the stage: the other cell now reads it from the cache.
        let rerun = try CLIRunner.run(["run", recipe.path, "--cell", "0", "--until", "queries", "--cache", folder.appendingPathComponent("cache").path])
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertTrue(rerun.stderr.contains("[annotations] cached"), rerun.stderr)
    }

    struct NotSeen: Error, CustomStringConvertible {
        var text: String, log: String
        var description: String { "the cell never logged '\(text)'; its log:\n\(log)" }
    }

    /// `uniner run RECIPE --cell K --until queries` in the background, its stderr in a file.
    final class Cell {
        let process = Process()
        let logURL: URL
        var pid: Int32 { process.processIdentifier }
        var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

        init(_ recipe: URL, index: Int, in folder: URL) throws {
            logURL = folder.appendingPathComponent("cell-\(index).log")
            _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
            process.executableURL = CLIRunner.executable
            process.arguments = ["run", recipe.path, "--cell", String(index), "--until", "queries",
                                 "--cache", folder.appendingPathComponent("cache").path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: logURL)
            try process.run()
        }

        func waitForLog(_ text: String, timeout: Double = 30) throws {
            let deadline = Date().addingTimeInterval(timeout)
            while !log.contains(text) {
                guard Date() < deadline, process.isRunning else { throw NotSeen(text: text, log: log) }
                usleep(50_000)
            }
        }

        func waitForExit() -> Int32 {
            process.waitUntilExit()
            return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        }
    }
}
