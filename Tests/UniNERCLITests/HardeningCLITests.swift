import Foundation
import XCTest

/// The release of each hardening class through the `uniner` binary: exit codes, the file/key/limit the error
/// names, and nothing written outside the run folder.
final class HardeningCLITests: XCTestCase {
    /// Runs `uniner` and measures its wall time and peak resident memory. A small Python launcher starts it and
    /// reads `wait4`'s figure: spawned from this test process directly, the child's peak would include this
    /// process's own (Linux carries the spawning address space's high-water mark into the child at exec).
    private func measured(_ arguments: [String], in directory: URL) throws -> (status: Int32, seconds: Double, peakMB: Double, stderr: String) {
        let errorFile = directory.appendingPathComponent("stderr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let launcher = """
            import os, sys, time
            err = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            null = os.open(os.devnull, os.O_WRONLY)
            started = time.time()
            pid = os.posix_spawn(sys.argv[2], sys.argv[2:], dict(os.environ), file_actions=[
                (os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, err, 2)])
            _, status, usage = os.wait4(pid, 0)
            print(os.waitstatus_to_exitcode(status), time.time() - started, usage.ru_maxrss)
            """
        let output = try CLIRunner.runProgram("/usr/bin/env", ["python3", "-c", launcher, errorFile.path, CLIRunner.executable.path] + arguments,
                                              in: directory)
        let fields = output.stdout.split(whereSeparator: \.isWhitespace)
        guard fields.count == 3, let status = Int32(fields[0]), let seconds = Double(fields[1]), let kilobytes = Double(fields[2]) else {
            XCTFail("launcher output: \(output.stdout) \(output.stderr)")
            return (-1, 0, 0, "")
        }
        return (status, seconds, kilobytes / 1024, (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "")
    }

    /// A work folder holding a one-passage `c.jsonl` corpus and `r.yaml` with `recipe` (which reads `c.jsonl`).
    private func corpusRecipe(_ recipe: String) throws -> URL {
        let work = try folder()
        try #"{"text": "Ada Lovelace wrote programs."}"#.write(to: work.appendingPathComponent("c.jsonl"), atomically: true, encoding: .utf8)
        try recipe.write(to: work.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        return work
    }

    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-hard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Every file below `root`, relative to it.
    private func tree(_ root: URL) -> Set<String> {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        var files = Set<String>()
        while let path = enumerator?.nextObject() as? String { files.insert(path) }
        return files
    }

    func testAnAliasBombAndAHundredMillionVariantsFailInUnderTwoSecondsAnd200MB() throws {
        let work = try folder()
        var bomb = ["name: bomb", "description:", "  - &a0 [x, x, x, x, x, x, x, x, x]"]
        for level in 1..<10 { bomb.append("  - &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]") }
        try (bomb.joined(separator: "\n") + "\n").write(to: work.appendingPathComponent("bomb.yaml"), atomically: true, encoding: .utf8)
        let axes = (0..<8).map { "student.a\($0): [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]" }.joined(separator: ", ")
        try "name: sweep\nstudent: {kind: span-encoder}\nsweep: {\(axes)}\n"
            .write(to: work.appendingPathComponent("sweep.yaml"), atomically: true, encoding: .utf8)
        for (recipe, words) in [("bomb.yaml", "bomb.yaml:8:15: error: the recipe expands to more than 100000 values"),
                                ("sweep.yaml", "sweep.yaml:3:8: error: 'sweep' expands to 100000000 variants")] {
            for command in ["validate", "run"] {
                let result = try measured([command, recipe], in: work)
                XCTAssertEqual(result.status, 2, "\(command) \(recipe)")
                XCTAssertTrue(result.stderr.contains(words), result.stderr)
                XCTAssertLessThan(result.seconds, 2, "\(command) \(recipe)")
                XCTAssertLessThan(result.peakMB, 200, "\(command) \(recipe)")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("runs").path))
    }

    func testANameThatClimbsOutOfTheRunsFolderWritesNothing() throws {
        let work = try folder()
        let root = work.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for name in ["../../escaped", "/tmp/uniner-escaped-\(UUID().uuidString)", "..", String(repeating: "n", count: 300)] {
            try "name: \"\(name)\"\nsupervised: []\n".write(to: root.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
            let before = tree(work)
            let output = try CLIRunner.run(["run", "r.yaml", "--until", "passages"], in: root)
            XCTAssertEqual(output.status, 2, name)
            XCTAssertTrue(output.stderr.contains("r.yaml:1:7: error: 'name' names the run's folder"), output.stderr)
            XCTAssertEqual(tree(work), before, "nothing written for name '\(name.prefix(20))'")
            XCTAssertFalse(FileManager.default.fileExists(atPath: name) && name.hasPrefix("/tmp/uniner-escaped"))
        }
    }

    func testUntilPassagesPrintsNoComparisonItDoesNotWrite() throws {
        let work = try corpusRecipe("""
            name: cut
            corpus: {kind: jsonl, path: c.jsonl}
            sweep: {seed: [1, 2]}
            """)
        let output = try CLIRunner.run(["run", "r.yaml", "--until", "passages"], in: work)
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertFalse(output.stdout.contains("comparison"), output.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: work.appendingPathComponent("runs/cut/comparison.md").path))
    }

    func testSetErrorsNameTheArgumentAndValidateChecksInputPaths() throws {
        let root = CLIRunner.repositoryRoot
        var output = try CLIRunner.run(["validate", "Recipes/quickstart.yaml", "--set", "student.lr=nan"], in: root)
        XCTAssertEqual(output.status, 2)
        XCTAssertTrue(output.stderr.hasPrefix("--set 'student.lr=nan': error: 'student.lr' must be a finite number"), output.stderr)
        output = try CLIRunner.run(["validate", "Recipes/quickstart.yaml", "--set", "student.backbone=/nonexistent/minilm"], in: root)
        XCTAssertEqual(output.status, 2)
        XCTAssertTrue(output.stderr.contains("'student.backbone': no such file or folder '/nonexistent/minilm'"), output.stderr)
        output = try CLIRunner.run(["validate", "Recipes/quickstart.yaml"], in: root, environment: ["UNINER_MODEL_DIR": "/nonexistent/m"])
        XCTAssertEqual(output.status, 2, "the quickstart's backbone is ${UNINER_MODEL_DIR:-...}: it resolves to the missing folder")
        XCTAssertTrue(output.stderr.contains("'student.backbone': no such file or folder '/nonexistent/m'"), output.stderr)
        output = try CLIRunner.run(["validate", "Recipes/quickstart.yaml", "--set", "annotator.path=/nonexistent/replay.json"], in: root)
        XCTAssertEqual(output.status, 2)
        XCTAssertTrue(output.stderr.contains("--set 'annotator.path=/nonexistent/replay.json': error: 'annotator.path': no such file"), output.stderr)
    }

    func testADefaultBackboneThatIsMissingFailsValidation() throws {
        let work = try folder()
        try "name: b\nstudent: {kind: span-encoder}\n".write(to: work.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        let output = try CLIRunner.run(["validate", "r.yaml"], in: work, environment: ["UNINER_MODEL_DIR": work.appendingPathComponent("none").path])
        XCTAssertEqual(output.status, 2)
        XCTAssertTrue(output.stderr.contains("from UNINER_MODEL_DIR, holds no config.json"), output.stderr)
    }

    func testDuplicatePredictionIDsAreAnError() throws {
        let work = try folder()
        let queries = work.appendingPathComponent("q.json")
        try #"[{"id": "q1", "dataset": "toy", "conversations": [{"from": "human", "value": "Text: Ada"}, {"from": "gpt", "value": "I've read this text."}, {"from": "human", "value": "What describes person in the text?"}, {"from": "gpt", "value": "[\"Ada\"]"}]}]"#
            .write(to: queries, atomically: true, encoding: .utf8)
        let predictions = work.appendingPathComponent("p.jsonl")
        try "{\"id\": \"q1\", \"prediction\": \"[]\"}\n{\"id\": \"q1\", \"prediction\": \"[\\\"Ada\\\"]\"}\n"
            .write(to: predictions, atomically: true, encoding: .utf8)
        let output = try CLIRunner.run(["eval", "--data", queries.path, "--predictions", predictions.path], in: work)
        XCTAssertEqual(output.status, 2, output.stdout)
        XCTAssertTrue(output.stderr.contains("p.jsonl: error: duplicate id 'q1': records 1 and 2 both answer it"), output.stderr)
    }

    func testAnEmptyQueryFileIsAnError() throws {
        let work = try folder()
        let queries = work.appendingPathComponent("q.json")
        try "[]".write(to: queries, atomically: true, encoding: .utf8)
        let predictions = work.appendingPathComponent("p.jsonl")
        try "".write(to: predictions, atomically: true, encoding: .utf8)
        let output = try CLIRunner.run(["eval", "--data", queries.path, "--predictions", predictions.path], in: work)
        XCTAssertEqual(output.status, 2, output.stdout)
        XCTAssertTrue(output.stderr.contains("q.json: error: the query file holds no query"), output.stderr)
    }

    func testVariantsSharingAFolderAndNaNOptionsAreRefusedBeforeAnythingIsWritten() throws {
        let work = try folder()
        try """
            name: collide
            student: {kind: span-encoder, max_steps: 1}
            sweep:
              - {variant: a/b, seed: 1}
              - {variant: a_b, seed: 2}
            """.write(to: work.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        var output = try CLIRunner.run(["run", "r.yaml", "--jobs", "2"], in: work)
        XCTAssertEqual(output.status, 2)
        XCTAssertTrue(output.stderr.contains("r.yaml:4:3: error: sweep variants 'a/b' and 'a_b' would share the run folder 'a_b'"), output.stderr)
        try "name: nan\nstudent: {kind: span-encoder, lr: .nan}\n".write(to: work.appendingPathComponent("n.yaml"), atomically: true, encoding: .utf8)
        output = try CLIRunner.run(["run", "n.yaml"], in: work)
        XCTAssertEqual(output.status, 2)
        XCTAssertTrue(output.stderr.contains("n.yaml:2:35: error: 'student.lr' must be a finite number, found '.nan'"), output.stderr)
        XCTAssertEqual(tree(work), ["r.yaml", "n.yaml"], "no run folder, no cache")
    }

    func testAHostileModelConfigIsAnErrorNamingFileAndKeyNotACrash() throws {
        let backbone = CLIRunner.repositoryRoot.appendingPathComponent(".models/all-MiniLM-L6-v2")
        guard FileManager.default.fileExists(atPath: backbone.appendingPathComponent("config.json").path) else {
            throw XCTSkip("the MiniLM backbone is not installed (scripts/setup.sh)")
        }
        let model = try folder().appendingPathComponent("model")
        try FileManager.default.createDirectory(at: model, withIntermediateDirectories: true)
        for name in ["model.safetensors", "vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"] {
            try FileManager.default.createSymbolicLink(at: model.appendingPathComponent(name), withDestinationURL: backbone.appendingPathComponent(name))
        }
        var encoder = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: backbone.appendingPathComponent("config.json"))) as? [String: Any])
        encoder["hidden_size"] = 1_200_000_000
        try JSONSerialization.data(withJSONObject: encoder).write(to: model.appendingPathComponent("config.json"))
        let span: [String: Any] = ["encoder": encoder, "maxSpanWidth": 12, "lossReduction": "mean", "positiveWeight": 1]
        try JSONSerialization.data(withJSONObject: span).write(to: model.appendingPathComponent("span_config.json"))
        let info: [String: Any] = ["format": "uniner-span-encoder-v1", "layout": "per-type", "maxTokens": 256, "marker": "[unused0]",
                                   "threshold": 0.5, "decoding": "flat", "steps": 1]
        try JSONSerialization.data(withJSONObject: info).write(to: model.appendingPathComponent("student.json"))
        // The model is loaded before stdin is read, so the error comes first.
        let output = try CLIRunner.run(["predict", "--model", model.path, "--types", "person"], in: model.deletingLastPathComponent())
        XCTAssertEqual(output.status, 2, output.stderr)
        XCTAssertTrue(output.stderr.contains("span_config.json: 'hidden_size' is 1200000000, more than 8192"), output.stderr)
    }

    func testAPipelineWhoseTeacherFailsEveryPassageExitsWithAnErrorAndCachesNothing() throws {
        let work = try corpusRecipe("""
            name: failing
            corpus: {kind: jsonl, path: c.jsonl}
            annotator: {kind: command, command: [python3, -c, "import json,sys\\nfor l in sys.stdin: print(json.dumps({'id': json.loads(l)['id'], 'error': 'down'}), flush=True)"]}
            """)
        let output = try CLIRunner.run(["run", "r.yaml", "--until", "annotations"], in: work)
        XCTAssertEqual(output.status, 2, output.stderr)
        XCTAssertTrue(output.stderr.contains("the command teacher failed on all 1 passages (first: passage"), output.stderr)
        XCTAssertFalse(tree(work).contains { $0.hasPrefix("runs/.cache/annotations/") && $0.hasSuffix("done.json") })
    }

    func testCredentialsInABaseURLAreNeitherPrintedNorSaved() throws {
        let work = try folder()
        try """
            name: secret
            predictor: {kind: openai, base_url: "http://alice:pa55word@127.0.0.1:9/v1?api_key=sk-123", model: m}
            """.write(to: work.appendingPathComponent("r.yaml"), atomically: true, encoding: .utf8)
        let output = try CLIRunner.run(["validate", "r.yaml"], in: work)
        XCTAssertEqual(output.status, 0, output.stderr)
        XCTAssertFalse(output.stdout.contains("pa55word") || output.stdout.contains("sk-123"), output.stdout)
        XCTAssertTrue(output.stdout.contains("http://***@127.0.0.1:9/v1?api_key=***"), output.stdout)
    }

    func testAnOutputFolderNameOverTheFileSystemLimitIsANamedError() throws {
        let work = try corpusRecipe("name: long\ncorpus: {kind: jsonl, path: c.jsonl}\n")
        let output = try CLIRunner.run(["run", "r.yaml", "--until", "passages", "--set", "output=\(String(repeating: "o", count: 300))"], in: work)
        XCTAssertEqual(output.status, 2, output.stderr)
        XCTAssertTrue(output.stderr.contains("is 300 bytes long, more than the 255 a file system allows"), output.stderr)
        XCTAssertFalse(output.stderr.contains("NSCocoaErrorDomain"), output.stderr)
    }
}
