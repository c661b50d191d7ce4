import Foundation
@testable import UniNERCore
import XCTest

/// What killed writers leave is cleaned by the next run, never what a live writer is writing, and a
/// checkpoint moved aside between two renames is restored, not lost.
final class StaleWritesTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-stale-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// The pid of a process that has exited (and been reaped).
    private func deadPID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    private func make(_ name: String, file: String = "weights") throws {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data(name.utf8).write(to: url.appendingPathComponent(file))
    }

    private var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() }

    func testDeadWritersLeftoversAreRemovedAndLiveOnesKept() throws {
        let dead = try deadPID()
        let live = getppid()
        try make("checkpoint")
        try make(".checkpoint.tmp-\(dead)-123")
        try make(".checkpoint.old-\(dead)")
        try make(".model.tmp-\(live)-9")
        try make(".checkpoint.tmp-\(getpid())-7")
        try Data().write(to: folder.appendingPathComponent(".done.json.tmp-\(dead)-5"))
        let cleaned = StaleWrites.clean(folder)
        XCTAssertEqual(cleaned.count, 3)
        XCTAssertEqual(names, [".checkpoint.tmp-\(getpid())-7", ".model.tmp-\(live)-9", "checkpoint"])
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("checkpoint/weights"), encoding: .utf8), "checkpoint")
    }

    func testACheckpointMovedAsideByAKilledWriterIsRestored() throws {
        let dead = try deadPID()
        try make(".checkpoint.old-\(dead)")
        try make(".checkpoint.tmp-\(dead)-42")
        StaleWrites.clean(folder)
        XCTAssertEqual(names, ["checkpoint"])
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("checkpoint/weights"), encoding: .utf8),
                       ".checkpoint.old-\(dead)", "the last complete checkpoint, not the partial new one")
    }

    func testOldLeftoversOfAReusedPidAreRemovedByAge() throws {
        try make(".x.tmp-\(getppid())-1")
        XCTAssertEqual(StaleWrites.clean(folder, now: Date().addingTimeInterval(StaleWrites.maxAge + 60)).count, 1)
        XCTAssertEqual(names, [])
    }

    func testAnotherHostsLeftoversAreJudgedByAgeAloneOnASharedDisk() throws {
        let dead = try deadPID()
        try make(".checkpoint.tmp-\(dead)-1@other-node")
        try make(".checkpoint.tmp-\(dead)-2@\(StaleWrites.writer.host)")
        XCTAssertEqual(StaleWrites.clean(folder).map(\.host), [StaleWrites.writer.host], "a pid of another host says nothing here")
        XCTAssertEqual(names, [".checkpoint.tmp-\(dead)-1@other-node"])
        XCTAssertEqual(StaleWrites.clean(folder, now: Date().addingTimeInterval(StaleWrites.maxAge + 60)).count, 1)
    }

    func testWhatAtomicFileWritesIsNamedSoThatItCanBeFound() throws {
        let target = folder.appendingPathComponent("metrics.json")
        try AtomicFile.write("{}", to: target)
        XCTAssertEqual(names, ["metrics.json"], "no temporary left by a write that finished")
        XCTAssertNotNil(StaleWrites.parse(".metrics.json.tmp-\(getpid())-77@\(StaleWrites.writer.host)", in: folder))
    }

    func testOtherHiddenFilesAreNotTouched() throws {
        try make(".git")
        try make(".tmp-notes")
        XCTAssertEqual(StaleWrites.clean(folder).count, 0)
        XCTAssertEqual(names, [".git", ".tmp-notes"])
    }

    func testTheStageStoreCleansAStageFolderWhenItIsOpened() throws {
        let store = StageStore(root: folder)
        let stage = try store.folder(stage: "model", key: "k")
        let dead = try deadPID()
        try FileManager.default.createDirectory(at: stage.appendingPathComponent(".checkpoint.tmp-\(dead)-1"),
                                                withIntermediateDirectories: true)
        _ = try store.folder(stage: "model", key: "k")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: stage.path), [])
    }

    /// Under the stage lock, a leftover whose pid is alive here (a writer on another machine of a shared cache, or
    /// a reused pid) is a dead writer's too; only this process's own entries stay.
    func testUnderTheLockOnlyThisProcesssEntriesAreKept() throws {
        let live = getppid()
        try make(".model.tmp-\(live)-9")
        try make(".model.tmp-\(getpid())-1")
        XCTAssertEqual(StaleWrites.clean(folder).count, 0)
        XCTAssertEqual(StaleWrites.clean(folder, othersAreGone: true).map(\.pid), [live])
        XCTAssertEqual(names, [".model.tmp-\(getpid())-1"])
    }
}
