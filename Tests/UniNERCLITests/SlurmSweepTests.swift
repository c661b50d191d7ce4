import Foundation
import XCTest

/// The Slurm launcher on a real one-node cluster (`scripts/slurm-local.sh`, started by `scripts/test.sh`, which
/// exports `SLURM_CONF`): a 4-cell sweep as a job array plus a report job gives the same comparison, number for
/// number, as the sweep run in one process, and its shared stages are computed once over the shared cache.
final class SlurmSweepTests: XCTestCase {
    func testFourCellSweepThroughSlurmEqualsThePlainRun() throws {
        guard ProcessInfo.processInfo.environment["SLURM_CONF"] != nil else {
            throw XCTSkip("no local Slurm (scripts/test.sh starts one with scripts/slurm-local.sh and exports SLURM_CONF)")
        }
        guard let benchmark = CLIRunner.benchmark else { throw XCTSkip("no benchmark data (set UNINER_DATA)") }
        let backbone = try SweepFixtures.backbone()
        let folder = try CLIRunner.file("", name: "placeholder", test: self).deletingLastPathComponent()
        let recipe = try CLIRunner.file(SweepFixtures.tinySweep(output: folder.appendingPathComponent("unused"), backbone: backbone),
                                        test: self)
        func arguments(_ name: String) -> [String] {
            ["run", recipe.path, "--set", "output=\(folder.path)/\(name)", "--data", benchmark.path,
             "--cache", "\(folder.path)/\(name)-cache", "--threads", "1"]
        }
        let plain = try CLIRunner.run(arguments("plain"))
        XCTAssertEqual(plain.status, 0, plain.stderr)

        // Submitted from another folder: the jobs must not depend on where they start.
        let slurm = try CLIRunner.run(arguments("slurm") + ["--launcher", "slurm", "--slurm=--time=10 --comment='uniner test'",
                                                            "--wait"], in: FileManager.default.temporaryDirectory)
        let logs = folder.appendingPathComponent("slurm/tiny-sweep/slurm/logs")
        let logText = ((try? FileManager.default.contentsOfDirectory(atPath: logs.path)) ?? []).sorted().map {
            "== \($0)\n" + ((try? String(contentsOf: logs.appendingPathComponent($0), encoding: .utf8)) ?? "")
        }.joined(separator: "\n")
        guard slurm.status == 0 else { return XCTFail(slurm.stderr + slurm.stdout + logText) }
        XCTAssertTrue(slurm.stdout.contains("submitted 4 cells of tiny-sweep as job array"), slurm.stdout)
        XCTAssertTrue(slurm.stdout.contains("follow:     squeue -j "), slurm.stdout)
        XCTAssertTrue(slurm.stdout.contains("(4 of 4 cells)"), slurm.stdout)

        let plainCSV = try SweepFixtures.comparisonCSV(folder.appendingPathComponent("plain"))
        XCTAssertEqual(try SweepFixtures.comparisonCSV(folder.appendingPathComponent("slurm")), plainCSV)
        XCTAssertEqual(plainCSV.split(separator: "\n").count, 5, plainCSV)
        XCTAssertTrue(plainCSV.split(separator: "\n").dropFirst().contains { !$0.hasSuffix(",0.00,0.00") },
                      "every score is zero: the comparison would not tell two runs apart\n\(plainCSV)")
        // Every count too: precision, recall, predicted and correct per cell.
        for cell in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("plain/tiny-sweep").path)
            where cell.hasPrefix("student.") {
            let metrics = "tiny-sweep/\(cell)/metrics.json"
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("slurm/\(metrics)")),
                           try Data(contentsOf: folder.appendingPathComponent("plain/\(metrics)")), cell)
        }

        // One cell computed the shared passages and annotations; the three others read them from the cache.
        let markdown = try String(contentsOf: folder.appendingPathComponent("slurm/tiny-sweep/comparison.md"), encoding: .utf8)
        XCTAssertTrue(markdown.hasPrefix("# tiny-sweep: 4 variants"), markdown)
        for stage in ["passages", "annotations"] {
            let row = markdown.split(separator: "\n").first { $0.hasPrefix("| \(stage) |") }
            XCTAssertEqual(row?.hasSuffix("| 3 of 4 variants |"), true, markdown)
            XCTAssertEqual(row?.contains("an earlier run"), false, markdown)
        }
        let cells = try String(contentsOf: folder.appendingPathComponent("slurm/tiny-sweep/slurm/cells.sh"), encoding: .utf8)
        XCTAssertTrue(cells.contains("--cell \"$SLURM_ARRAY_TASK_ID\""), cells)
    }
}
