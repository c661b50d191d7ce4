import XCTest

/// Each class of bad recipe gets one paragraph naming file:line:col, a non-zero exit and no stack trace.
final class ValidateCommandTests: XCTestCase {
    func check(_ yaml: String, contains expected: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let recipe = try CLIRunner.file(yaml, test: self)
        let output = try CLIRunner.run(["validate", recipe.path])
        XCTAssertEqual(output.status, 2, output.stderr, file: file, line: line)
        XCTAssertEqual(output.stdout, "", file: file, line: line)
        for text in expected {
            XCTAssertTrue(output.stderr.contains(text), "expected '\(text)' in:\n\(output.stderr)", file: file, line: line)
        }
        XCTAssertFalse(output.stderr.contains("Stack dump"), file: file, line: line)
        XCTAssertLessThanOrEqual(output.stderr.split(separator: "\n").count, 3, output.stderr, file: file, line: line)
    }

    func testMalformedYAML() throws {
        try check("name: x\nqueries: [per-type\n", contains: ["recipe.yaml:3:1: error: malformed YAML"])
    }

    func testUnknownKind() throws {
        try check("queries:\n  negatives: {kind: frequncy}\n",
                  contains: ["recipe.yaml:2:21: error: unknown negative sampler kind 'frequncy'",
                             "help: did you mean 'frequency'? valid kinds: frequency, none, uniform"])
    }

    func testUnknownKey() throws {
        try check("queries:\n  negatives: {kind: uniform, per_pasage: 2}\n",
                  contains: ["recipe.yaml:2:30: error: unknown key 'per_pasage'", "did you mean 'per_passage'?"])
    }

    func testWrongType() throws {
        try check("seed: 1\nqueries:\n  negatives: {kind: uniform, per_passage: lots}\n",
                  contains: ["recipe.yaml:3:43: error: 'queries.negatives.per_passage' must be int, found 'lots'"])
    }

    func testMissingKey() throws {
        try check("corpus:\n  kind: jsonl\n  max_tokens: 128\n",
                  contains: ["recipe.yaml:2:3: error: missing required key 'corpus.path'"])
    }

    func testValidRecipePrintsItResolvedWithItsVariants() throws {
        let recipe = try CLIRunner.file("""
        name: sweep-demo
        queries: {negatives: {kind: frequency, per_passage: 2}}
        sweep: {queries.negatives.kind: [none, uniform, frequency]}
        """, test: self)
        let output = try CLIRunner.run(["validate", recipe.path, "--set", "seed=5"])
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertTrue(output.stdout.contains("seed: 5"), output.stdout)
        XCTAssertTrue(output.stdout.contains("# sweep: 3 variants"), output.stdout)
        XCTAssertTrue(output.stdout.contains("#   queries.negatives.kind=uniform"), output.stdout)
    }
}
