import Foundation
import XCTest

/// A sweep's cells: listed with stable indices, run one at a time, and assembled by `uniner report`.
final class SweepCellsTests: XCTestCase {
    func testListCellsNamesEveryCellInOrder() throws {
        let folder = try CLIRunner.file("", name: "placeholder", test: self).deletingLastPathComponent()
        let recipe = try SweepFixtures.slowTeacherSweep(in: folder, sleep: 0)
        let listed = try CLIRunner.run(["run", recipe.path, "--list-cells", "--json"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let cells = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(cells.map { $0["index"] as? Int }, [0, 1])
        XCTAssertEqual(cells.map { $0["name"] as? String }, ["queries.negatives.per_passage=1", "queries.negatives.per_passage=2"])
        XCTAssertEqual(cells[1]["folder"] as? String, folder.path + "/runs/lock-demo/queries.negatives.per_passage=2")
        let wrong = try CLIRunner.run(["run", recipe.path, "--cell", "queries.negatives.per_passage=3"])
        XCTAssertEqual(wrong.status, 2)
        XCTAssertTrue(wrong.stderr.contains("error: the recipe has no cell named 'queries.negatives.per_passage=3'"), wrong.stderr)
        XCTAssertTrue(wrong.stderr.contains("did you mean 'queries.negatives.per_passage=1'?"), wrong.stderr)
        let outOfRange = try CLIRunner.run(["run", recipe.path, "--cell", "2"])
        XCTAssertTrue(outOfRange.stderr.contains("there is no cell 2: the recipe has 2 cells"), outOfRange.stderr)
        // A Slurm task carries the digest of the recipe it was submitted with; another recipe is refused.
        let changed = try CLIRunner.run(["run", recipe.path, "--cell", "0", "--sweep-digest", "0000"])
        XCTAssertEqual(changed.status, 2)
        XCTAssertTrue(changed.stderr.contains("the recipe changed since its sweep was submitted"), changed.stderr)
    }

    func testSeedsMakeACellPerVariantAndSeedAndTheReportNamesThemToRun() throws {
        let folder = try CLIRunner.file("", name: "placeholder", test: self).deletingLastPathComponent()
        let recipe = try SweepFixtures.slowTeacherSweep(in: folder, sleep: 0)
        let listed = try CLIRunner.run(["run", recipe.path, "--seeds", "13,14", "--list-cells", "--json"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let cells = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(cells.map { $0["name"] as? String }, ["queries.negatives.per_passage=1/seed-13", "queries.negatives.per_passage=1/seed-14",
                                                            "queries.negatives.per_passage=2/seed-13", "queries.negatives.per_passage=2/seed-14"])
        XCTAssertEqual(cells.map { $0["seed"] as? Int }, [13, 14, 13, 14])
        XCTAssertEqual(cells[3]["folder"] as? String, folder.path + "/runs/lock-demo/queries.negatives.per_passage=2/seed-14")
        // Nothing ran: the report lists every cell, each with the command that runs it (the seeds passed along).
        let report = try CLIRunner.run(["report", recipe.path, "--seeds", "13,14"])
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.contains("4 of 4 cells missing"), report.stdout)
        XCTAssertTrue(report.stdout.contains("cell 3 queries.negatives.per_passage=2/seed-14: not run yet"), report.stdout)
        let comparison = try String(contentsOf: folder.appendingPathComponent("runs/lock-demo/comparison.md"), encoding: .utf8)
        XCTAssertTrue(comparison.contains("--set 'seeds=[13,14]' --cell 3"), comparison)
    }

    func testReportOfAHalfFinishedSweepListsTheMissingCellsAndTablesTheFinishedOnes() throws {
        guard let benchmark = CLIRunner.benchmark else { throw XCTSkip("no benchmark data (set UNINER_DATA)") }
        let backbone = try SweepFixtures.backbone()
        let folder = try CLIRunner.file("", name: "placeholder", test: self).deletingLastPathComponent()
        let output = folder.appendingPathComponent("runs")
        let recipe = try CLIRunner.file(SweepFixtures.tinySweep(output: output, backbone: backbone), test: self)
        let common = ["--data", benchmark.path, "--cache", folder.appendingPathComponent("cache").path, "--threads", "1"]
        for cell in ["0", "student.max_steps=3,queries.template=all-in-one"] {
            let run = try CLIRunner.run(["run", recipe.path, "--cell", cell] + common)
            XCTAssertEqual(run.status, 0, run.stderr)
        }
        // A cell one run folder only: no comparison until the report.
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("tiny-sweep/comparison.md").path))
        let report = try CLIRunner.run(["report", recipe.path] + common)
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertTrue(report.stdout.contains("2 of 4 cells missing:"), report.stdout)
        XCTAssertTrue(report.stdout.contains("cell 1 student.max_steps=2,queries.template=all-in-one: not run yet"), report.stdout)
        let markdown = try String(contentsOf: output.appendingPathComponent("tiny-sweep/comparison.md"), encoding: .utf8)
        XCTAssertTrue(markdown.hasPrefix("# tiny-sweep: 2 of 4 variants"), markdown)
        XCTAssertTrue(markdown.contains("- cell 2 `student.max_steps=3,queries.template=per-type`: not run yet; run `uniner run"), markdown)
        let rows = try SweepFixtures.comparisonCSV(output).split(separator: "\n").dropFirst()
        XCTAssertEqual(rows.map { $0.components(separatedBy: "\",strict,")[0] },
                       ["\"student.max_steps=2,queries.template=per-type", "\"student.max_steps=3,queries.template=all-in-one"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("tiny-sweep/comparison.svg").path))
    }
}
