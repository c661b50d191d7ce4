import Foundation
import XCTest

/// The shipped `Recipes/paper/openai-teacher.yaml` end to end against the real llama.cpp server of the test
/// command (SmolLM2-135M, `scripts/llama-server.sh`), shrunk by `--set`: teacher, instruction data, student,
/// evaluation, report. SmolLM2 answers the paper's zero-shot prompt with Python code, so the run uses the
/// project's demonstrations file, as the recipe's header says for small local teachers.
final class OpenAITeacherRecipeTests: XCTestCase {
    func testRecipeRunsToItsReportWithDemonstrations() throws {
        guard let server = ProcessInfo.processInfo.environment["UNINER_LLAMA_URL"], !server.isEmpty else {
            throw XCTSkip("set UNINER_LLAMA_URL to a llama.cpp server: run scripts/llama-server.sh and export the url it prints")
        }
        guard let benchmark = CLIRunner.benchmark else { throw XCTSkip("no benchmark data (set UNINER_DATA)") }
        let root = CLIRunner.repositoryRoot
        let backbone = root.appendingPathComponent(".models/all-MiniLM-L6-v2")
        guard FileManager.default.fileExists(atPath: backbone.appendingPathComponent("vocab.txt").path) else {
            throw XCTSkip("no backbone folder at \(backbone.path)")
        }
        let work = try CLIRunner.file("", name: "placeholder", test: self).deletingLastPathComponent()
        let arguments = ["run", root.appendingPathComponent("Recipes/paper/openai-teacher.yaml").path,
                         "--set", "output=\(work.path)/runs",
                         "--set", "annotator.demonstrations=\(root.appendingPathComponent("Recipes/data/teacher-demonstrations.jsonl").path)",
                         "--set", "corpus.sample=8", "--set", "student.time_budget_s=5", "--set", "student.max_tokens=64",
                         "--set", "evaluate.max_sentences=5",
                         "--data", benchmark.path, "--cache", work.appendingPathComponent("cache").path, "--threads", "1"]
        let environment = ["TEACHER_URL": server, "TEACHER_MODEL": "smollm2", "OPENAI_API_KEY": "none",
                           "UNINER_MODEL_DIR": backbone.path]
        let first = try CLIRunner.run(arguments, environment: environment)
        XCTAssertEqual(first.status, 0, first.stderr)

        let folder = work.appendingPathComponent("runs/openai-teacher/default")
        let stages = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("stages.json")))
            as? [[String: Any]])
        let annotations = try XCTUnwrap(stages.first { $0["stage"] as? String == "annotations" })
        let counters = try XCTUnwrap((annotations["report"] as? [String: Any])?["counters"] as? [String: Double])
        XCTAssertEqual(counters["demonstrations"], 2)
        // One first attempt per passage; on a loaded machine the small server can time out, and retries add requests.
        XCTAssertEqual((counters["requests"] ?? 0) - (counters["retries"] ?? 0), 8, "\(counters)")
        XCTAssertGreaterThan(counters["mentions"] ?? 0, 0, "mentions from the passages survived the filter: \(counters)")
        let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(report.contains("## Strict F1 (%)") && report.contains("| CrossNER_AI (in domain) |"), report)
        let metrics = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("metrics.json")))
            as? [String: Any])
        // Dataset → metric → counts, with `per_label` beside the datasets.
        let strict = try XCTUnwrap((metrics["CrossNER_AI"] as? [String: [String: Double]])?["strict"])
        XCTAssertNotNil(metrics["per_label"])
        XCTAssertEqual(strict["queries"], 5 * 13, "5 test sentences, one query per CrossNER_AI label")
        XCTAssertGreaterThan(strict["gold"] ?? 0, 0)

        // Same command again: the teacher is not asked, nothing is recomputed.
        let second = try CLIRunner.run(arguments, environment: environment)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.contains("stages computed, ") && second.stdout.contains("(0 of "), second.stdout)
    }
}
