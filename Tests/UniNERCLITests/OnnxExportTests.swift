import Foundation
import XCTest

/// `uniner export --format onnx`, then the exported `predict.py` under onnxruntime against `uniner predict` on 20
/// CrossNER AI sentences: the same span probabilities within 1e-4 and the same entities. Runs where the venv of
/// scripts/onnx-venv.sh exists (scripts/test.sh creates it).
final class OnnxExportTests: XCTestCase {
    static var venvPython: URL {
        let cache = ProcessInfo.processInfo.environment["UNINER_TOOLS_CACHE"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/uniner")
        return cache.appendingPathComponent("onnx-venv/bin/python")
    }

    func testExportedGraphGivesTheNativeScoresAndEntities() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.venvPython.path) else {
            throw XCTSkip("no ONNX venv at \(Self.venvPython.path) (run scripts/onnx-venv.sh)")
        }
        guard let benchmark = CLIRunner.benchmark else { throw XCTSkip("no benchmark data (set UNINER_DATA)") }
        let folder = try CLIRunner.file("", test: self).deletingLastPathComponent()
        // 64-token windows: most of these sentences need two or more, so the window merge is compared too; a
        // positive weight, so the graph must take it out of the scores as the native predictor does.
        let (model, train) = try CLIRunner.tinyStudent(name: "onnx-student", seed: 5, steps: 3, options: "positive_weight: 4",
                                                       in: folder)
        XCTAssertEqual(train.status, 0, train.stderr)
        let out = folder.appendingPathComponent("onnx")
        let export = try CLIRunner.run(["export", "--model", model.path, "--format", "onnx", "--out", out.path])
        XCTAssertEqual(export.status, 0, export.stderr)
        for name in ["model.onnx", "tokenizer.json", "student.json", "span_config.json", "predict.py"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), name)
        }
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("model.onnx").path)[.size] as? Int)

        let sentences = try XCTUnwrap(JSONSerialization.jsonObject(
            with: Data(contentsOf: benchmark.appendingPathComponent("CrossNER_AI/test.json"))) as? [[String: Any]])
        let texts = sentences.prefix(20).compactMap { $0["sentence"] as? String }
        XCTAssertEqual(texts.count, 20)
        let input = folder.appendingPathComponent("texts.txt")
        try (texts.joined(separator: "\n") + "\n").write(to: input, atomically: true, encoding: .utf8)
        let types = "algorithm,person,organisation,conference,field"
        var maxDifference: Float = 0, pairs = 0, decoded = 0
        // Threshold 0 scores every span, but its decoding is a greedy cover where probabilities that underflow to 0
        // tie: entities are compared at a threshold that keeps only spans a user would.
        for threshold in ["0", "0.05"] {
            // The exported predict.py scores each line whole: the native side too, for a like-for-like comparison.
            let native = try lines(CLIRunner.executable, ["predict", "--model", model.path, "--types", types, "--threshold",
                                                          threshold, "--scores", "--threads", "1", "--no-split-sentences"], input: input)
            let onnx = try lines(Self.venvPython, [out.appendingPathComponent("predict.py").path, "--types", types,
                                                  "--threshold", threshold, "--scores", "--threads", "1"], input: input)
            XCTAssertEqual(native.count, 20)
            XCTAssertEqual(onnx.count, 20)
            for (a, b) in zip(native, onnx) {
                XCTAssertEqual(a["text"] as? String, b["text"] as? String)
                if threshold != "0" {
                    XCTAssertEqual(a["answers"] as? [String: String], b["answers"] as? [String: String])
                    XCTAssertEqual(entities(a), entities(b), a["text"] as? String ?? "")
                    decoded += entities(a).count
                }
                let sa = try XCTUnwrap(a["scores"] as? [String: [[Double]]]), sb = try XCTUnwrap(b["scores"] as? [String: [[Double]]])
                XCTAssertEqual(sa.keys.sorted(), types.split(separator: ",").map(String.init).sorted())
                for (label, rows) in sa {
                    let other = try XCTUnwrap(sb[label])
                    XCTAssertEqual(rows.map { [$0[0], $0[1]] }, other.map { [$0[0], $0[1]] }, "the same spans for \(label)")
                    for (x, y) in zip(rows, other) { maxDifference = max(maxDifference, Float(abs(x[2] - y[2]))) }
                    if threshold == "0" { pairs += rows.count }
                }
            }
        }
        XCTAssertGreaterThan(pairs, 1000)
        XCTAssertGreaterThan(decoded, 20, "entities to compare")
        XCTAssertLessThan(maxDifference, 1e-4)
        print("onnx export: \(size) bytes, \(pairs) span-type pairs, max |p_onnx - p_native| = \(maxDifference), "
              + "\(decoded) entities equal")
    }

    func testExportWithoutTheVenvSaysHowToMakeIt() throws {
        let folder = try CLIRunner.file("", test: self).deletingLastPathComponent()
        let result = try CLIRunner.run(["export", "--model", folder.path, "--format", "onnx", "--out", folder.appendingPathComponent("o").path],
                                       environment: ["UNINER_TOOLS_CACHE": folder.appendingPathComponent("none").path])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("no ONNX venv at"), result.stderr)
        XCTAssertTrue(result.stderr.contains("scripts/onnx-venv.sh"), result.stderr)
        let format = try CLIRunner.run(["export", "--model", folder.path, "--format", "tflite", "--out", folder.path])
        XCTAssertNotEqual(format.status, 0)
        XCTAssertTrue(format.stderr.contains("--format must be onnx"), format.stderr)
    }

    /// (text, label, start, end) of each entity, in output order.
    func entities(_ line: [String: Any]) -> [String] {
        (line["entities"] as? [[String: Any]] ?? []).map { e in
            "\(e["text"] ?? "")|\(e["label"] ?? "")|\(e["start"] ?? "")|\(e["end"] ?? "")"
        }
    }

    /// Runs a program with `input` on stdin; its stdout's JSON lines.
    func lines(_ program: URL, _ arguments: [String], input: URL) throws -> [[String: Any]] {
        let run = try CLIRunner.runProgram(program.path, arguments, stdin: String(contentsOf: input, encoding: .utf8))
        XCTAssertEqual(run.status, 0, run.stderr)
        return try run.stdout.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }
}
