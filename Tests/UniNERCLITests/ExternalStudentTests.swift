import Foundation
import XCTest

/// The external-student path end to end: the pipeline exports Pile-NER-type data and runs a user command
/// (here a shell line standing in for FastChat/torchrun) with the data and output placeholders filled in.
final class ExternalStudentTests: XCTestCase {
    func testExternalStudentRunsTheCommandOnExportedData() throws {
        let work = try CLIRunner.file("", name: "placeholder", test: self).deletingLastPathComponent()
        let data = CLIRunner.repositoryRoot.appendingPathComponent("Recipes/data/quickstart-pile-ner.json")
        let recipe = try CLIRunner.file("""
        name: external-demo
        output: \(work.path)/runs
        annotator: {kind: replay, path: \(data.path)}
        queries: {negatives: {kind: uniform, per_passage: 1}}
        student:
          kind: external
          command: "test -s {data} && cp {data} {output}/received.json && echo seed={seed}"
        """, test: self)
        let first = try CLIRunner.run(["run", recipe.path, "--until", "model"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("(4 of 4 stages computed, 0 from cache)"), first.stdout)
        let model = work.appendingPathComponent("runs/external-demo/default/model")
        let received = try Data(contentsOf: model.appendingPathComponent("output/received.json"))
        let records = try JSONSerialization.jsonObject(with: received) as? [[String: Any]] ?? []
        XCTAssertEqual(records.count, 24)
        XCTAssertEqual((records.first?["conversations"] as? [[String: String]])?[1]["value"], "I've read this text.")
        let log = try String(contentsOf: model.appendingPathComponent("train.log"), encoding: .utf8)
        XCTAssertEqual(log, "seed=13\n")
        let second = try CLIRunner.run(["run", recipe.path, "--until", "model"])
        XCTAssertTrue(second.stdout.contains("(0 of 4 stages computed, 4 from cache)"), second.stdout)
    }

    func testAFailingCommandIsReportedWithItsLog() throws {
        let work = try CLIRunner.file("", name: "placeholder", test: self).deletingLastPathComponent()
        let data = CLIRunner.repositoryRoot.appendingPathComponent("Recipes/data/quickstart-pile-ner.json")
        let recipe = try CLIRunner.file("""
        output: \(work.path)/runs
        annotator: {kind: replay, path: \(data.path)}
        student: {kind: external, command: "echo out of memory >&2; exit 3"}
        """, test: self)
        let output = try CLIRunner.run(["run", recipe.path, "--until", "model"])
        XCTAssertEqual(output.status, 2)
        XCTAssertTrue(output.stderr.contains("error: the external training command exited with status 3"), output.stderr)
        XCTAssertTrue(output.stderr.contains("out of memory"), output.stderr)
    }
}
