import Foundation
import UniNERCore
@testable import UniNERStudents
import XCTest

/// The external student's training command: a timeout ends its whole process group (a launcher's workers, not
/// only the shell), even processes that ignore SIGTERM.
final class ExternalStudentShellTests: XCTestCase {
    func testATimeoutEndsTheCommandsWholeGroup() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-ext-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let pidFile = folder.appendingPathComponent("worker.pid")
        let command = "trap '' TERM; sh -c \"trap '' TERM; echo \\$\\$ > '\(pidFile.path)'; exec sleep 300\" & echo started; sleep 300"
        let log = folder.appendingPathComponent("train.log")
        XCTAssertThrowsError(try ExternalStudent.runShell(command, log: log, timeout: 1)) { error in
            XCTAssertTrue((error as? UniNERError)?.message.contains("ran past its timeout of 1 s") ?? false, "\(error)")
        }
        XCTAssertEqual(try String(contentsOf: log, encoding: .utf8), "started\n", "stdout goes to the log")
        let pid = try XCTUnwrap(Int32(String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var alive = true
        for _ in 0..<50 where alive {
            alive = kill(pid, 0) == 0
            if alive { usleep(100_000) }
        }
        XCTAssertFalse(alive, "the worker \(pid) outlived the timeout")
    }

    func testTheExitStatusIsReturned() throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-ext-\(UUID().uuidString).log")
        addTeardownBlock { try? FileManager.default.removeItem(at: log) }
        XCTAssertEqual(try ExternalStudent.runShell("echo out; echo err >&2; exit 3", log: log, timeout: nil), 3)
        XCTAssertEqual(try String(contentsOf: log, encoding: .utf8), "out\nerr\n")
    }
}
