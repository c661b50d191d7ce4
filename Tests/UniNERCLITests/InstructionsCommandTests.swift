import Foundation
import XCTest

/// `uniner instructions` writes the conversations the queries stage rendered: byte for byte what an external
/// student is given to train on, from the cache on a second call.
final class InstructionsCommandTests: XCTestCase {
    func testInstructionsAreTheQueriesStageConversationsAsTheStudentGetsThem() throws {
        let work = try CLIRunner.file("", name: "placeholder", test: self).deletingLastPathComponent()
        let data = CLIRunner.repositoryRoot.appendingPathComponent("Recipes/data/quickstart-pile-ner.json")
        let recipe = try CLIRunner.file("""
        name: instructions-demo
        output: \(work.path)/runs
        annotator: {kind: replay, path: \(data.path)}
        queries: {negatives: {kind: uniform, per_passage: 1}}
        student: {kind: external, command: "true"}
        """, test: self)
        let out = work.appendingPathComponent("train.json")
        let first = try CLIRunner.run(["instructions", recipe.path, "--out", out.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderr.contains("wrote 24 conversations to \(out.path)"), first.stderr)
        XCTAssertTrue(first.stderr.contains("[queries] running"), first.stderr)
        let written = try Data(contentsOf: out)
        let records = try JSONSerialization.jsonObject(with: written) as? [[String: Any]] ?? []
        XCTAssertEqual(records.count, 24)
        XCTAssertEqual((records.first?["conversations"] as? [[String: String]])?[1]["value"], "I've read this text.")

        let trained = try CLIRunner.run(["run", recipe.path, "--until", "model"])
        XCTAssertEqual(trained.status, 0, trained.stderr)
        let exported = try Data(contentsOf: work.appendingPathComponent("runs/instructions-demo/default/model/train.json"))
        XCTAssertEqual(written, exported, "the instructions are the student's training data")

        try FileManager.default.removeItem(at: out)
        let second = try CLIRunner.run(["instructions", recipe.path, "--out", out.path])
        XCTAssertTrue(second.stderr.contains("[queries] cached"), second.stderr)
        XCTAssertEqual(try Data(contentsOf: out), written)
    }
}
