import Foundation
import Testing
import UniNERCore
import UniNERMetrics

@Suite("StrictMetric")
struct StrictMetricTests {
    @Test("agrees with the official evaluator", arguments: OfficialEvaluatorFixture.datasets.map(\.name))
    func agreesWithOfficial(_ name: String) throws {
        let dataset = try #require(OfficialEvaluatorFixture.datasets.first { $0.name == name })
        let score = StrictMetric().score(scoredQueries(dataset.queries))
        expectScore(score, precision: dataset.precision, recall: dataset.recall, f1: dataset.f1,
                    correct: Double(dataset.correct), predicted: dataset.predicted, gold: dataset.gold,
                    queries: dataset.queries.count)
        // Same operations in the same order as Python: the numbers are bit-identical.
        #expect(score.precision == dataset.precision && score.recall == dataset.recall && score.f1 == dataset.f1)
    }

    @Test("scores raw outputs as given when clean_response is off")
    func withoutCleaning() {
        let pairs = scoredQueries([(["Paris"], " [\"Paris\"]"), (["Rome"], "ASSISTANT: [\"Rome\"]"), (["Oslo"], #"["Oslo"]"#)])
        #expect(StrictMetric().score(pairs).correct == 3)
        let raw = StrictMetric(options: .init(cleanResponse: false)).score(pairs)
        #expect(raw.correct == 1 && raw.predicted == 1 && raw.gold == 3)
    }

    @Test("agrees with the official evaluator on the real CrossNER_AI test file",
          .enabled(if: BenchmarkData.directory != nil, "set UNINER_DATA to the benchmark folder"))
    func crossNERAI() throws {
        let golds = try BenchmarkData.officialGolds("CrossNER_AI/CrossNER_AI.json")
        #expect(golds.count == OfficialEvaluatorFixture.crossNERAIQueries)
        let identity = StrictMetric().score(scoredQueries(golds.map { ($0, PythonJSON.encode(python($0)).description) }))
        let expected = OfficialEvaluatorFixture.crossNERAIGold
        expectScore(identity, precision: expected.precision, recall: expected.recall, f1: expected.f1,
                    correct: Double(expected.correct), predicted: expected.predicted, gold: expected.gold,
                    queries: golds.count)
        let perturbed = StrictMetric().score(scoredQueries(golds.indices.map { (golds[$0], Self.perturbed(golds, $0)) }))
        let reference = OfficialEvaluatorFixture.crossNERAIPerturbed
        expectScore(perturbed, precision: reference.precision, recall: reference.recall, f1: reference.f1,
                    correct: Double(reference.correct), predicted: reference.predicted, gold: reference.gold,
                    queries: golds.count)
    }

    /// `perturbed` of scripts/reference/official_evaluator.py.
    static func perturbed(_ answers: [[String]], _ index: Int) -> String {
        let gold = answers[index]
        let previous = answers[(index + answers.count - 1) % answers.count]
        switch index % 4 {
        case 0: return PythonJSON.encode(python(gold)).description
        case 1: return PythonJSON.encode(python(Array(gold.dropLast()))).description
        case 2: return PythonJSON.encode(python(gold.map { "THE \($0)!" } + previous)).description
        default: return (index % 8 == 3 ? "Answer: " : "") + PythonJSON.encode(python(gold)).description
        }
    }
}

private func python(_ strings: [String]) -> [PythonString] {
    strings.map { PythonString($0) }
}

/// The staged benchmark files: `$UNINER_DATA`, else a `shared/benchmark` folder above this file.
enum BenchmarkData {
    static let directory: URL? = {
        if let path = ProcessInfo.processInfo.environment["UNINER_DATA"] {
            return URL(fileURLWithPath: path)
        }
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("shared/benchmark")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    private struct Example: Decodable {
        struct Turn: Decodable {
            var value: String
        }
        var conversations: [Turn]
    }

    /// The gold answers of an official UniNER test file: the last turn of each conversation, a JSON list.
    static func officialGolds(_ relativePath: String) throws -> [[String]] {
        let folder = try #require(directory)
        let data = try Data(contentsOf: folder.appendingPathComponent(relativePath))
        let examples = try JSONDecoder().decode([Example].self, from: data)
        return try examples.map { example in
            let value = try #require(example.conversations.last).value
            return try JSONDecoder().decode([String].self, from: Data(value.utf8))
        }
    }
}
