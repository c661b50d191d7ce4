import Foundation
import XCTest

/// Recipes for the sweep-cell tests: a 4-cell sweep that trains tiny students for a few fixed steps, and a
/// 2-cell one whose shared annotations stage is a slow `command` teacher (so a lock is held long enough to see).
enum SweepFixtures {
    /// The MiniLM folder whose vocabulary the tiny students use, or a skip.
    static func backbone() throws -> URL {
        let backbone = CLIRunner.repositoryRoot.appendingPathComponent(".models/all-MiniLM-L6-v2")
        guard FileManager.default.fileExists(atPath: backbone.appendingPathComponent("vocab.txt").path) else {
            throw XCTSkip("no backbone folder at \(backbone.path)")
        }
        return backbone
    }

    /// Four cells (2 step budgets × 2 templates) sharing passages and annotations; fixed steps, so with one
    /// thread every number is reproducible. A low threshold makes the scores depend on the trained weights.
    static func tinySweep(output: URL, backbone: URL) -> String {
        let data = CLIRunner.repositoryRoot.appendingPathComponent("Recipes/data/quickstart-pile-ner.json")
        return """
        name: tiny-sweep
        seed: 3
        output: \(output.path)
        annotator: {kind: replay, path: \(data.path)}
        queries: {negatives: {kind: uniform, per_passage: 1}}
        student: {kind: span-encoder, size: tiny, threshold: 0.1, backbone: \(backbone.path), max_steps: 3, batch: 4, max_tokens: 64}
        evaluate: {datasets: [conll2003], split: test, max_sentences: 10, metric: [strict]}
        sweep:
          student.max_steps: [2, 3]
          queries.template: [per-type, all-in-one]
        """
    }

    /// A folder with a slow teacher (it appends its pid to `calls.txt`, sleeps, then labels each passage's first
    /// word) and a 2-cell recipe whose cells share its annotations. Returns the recipe.
    static func slowTeacherSweep(in folder: URL, sleep seconds: Double) throws -> URL {
        try """
        import json, sys, time
        with open(sys.argv[1], "a") as calls: calls.write("called\\n")
        time.sleep(\(seconds))
        for line in sys.stdin:
            request = json.loads(line)
            first = request["text"].split()[0]
            print(json.dumps({"id": request["id"], "mentions": [{"text": first, "type": "person"}]}), flush=True)
        """.write(to: folder.appendingPathComponent("teacher.py"), atomically: true, encoding: .utf8)
        try "{\"text\": \"Alan Turing was born in London .\"}\n{\"text\": \"Ada Lovelace wrote in Paris .\"}\n"
            .write(to: folder.appendingPathComponent("corpus.jsonl"), atomically: true, encoding: .utf8)
        let recipe = folder.appendingPathComponent("lock.yaml")
        try """
        name: lock-demo
        output: \(folder.path)/runs
        corpus: {kind: jsonl, path: \(folder.path)/corpus.jsonl}
        annotator: {kind: command, command: [python3, \(folder.path)/teacher.py, \(folder.path)/calls.txt]}
        queries: {negatives: {kind: uniform, per_passage: 1}}
        sweep: {queries.negatives.per_passage: [1, 2]}
        """.write(to: recipe, atomically: true, encoding: .utf8)
        return recipe
    }

    /// Lines of the comparison CSV (per variant: F1 per dataset and average).
    static func comparisonCSV(_ output: URL) throws -> String {
        try String(contentsOf: output.appendingPathComponent("tiny-sweep/comparison.csv"), encoding: .utf8)
    }
}
