import Foundation
import UniNERCore

/// Small real plugins for pipeline tests: an in-memory dataset provider, a gold annotator over it, a student
/// that memorises mentions per label (a gazetteer) and an exact-match metric. They count their calls so tests
/// can tell a cached stage from a recomputed one.
enum PipelineDoubles {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func bump(_ name: String) { lock.lock(); counts[name, default: 0] += 1; lock.unlock() }
        func count(_ name: String) -> Int { lock.lock(); defer { lock.unlock() }; return counts[name] ?? 0 }
        /// What the gold annotator reports as its cache identity (stands for the contents of a file it reads).
        var annotatorIdentity: String {
            get { lock.lock(); defer { lock.unlock() }; return identity }
            set { lock.lock(); identity = newValue; lock.unlock() }
        }
        private var identity = ""
        /// Passages the gold annotator reports as failed (stands for a teacher that timed out on them).
        var failing: [String] {
            get { lock.lock(); defer { lock.unlock() }; return failed }
            set { lock.lock(); failed = newValue; lock.unlock() }
        }
        private var failed: [String] = []
    }

    struct Datasets: DatasetProvider {
        func availableDatasets() -> [String] { ["toy"] }
        func splits(of dataset: String) -> [String] { ["train", "test"] }
        func load(dataset: String, split: String) throws -> LabeledSplit {
            let rows: [([String], [(Range<Int>, String)])] = split == "train"
                ? [(["Paris", "is", "in", "France"], [(0..<1, "location"), (3..<4, "location")]),
                   (["Ada", "Lovelace", "wrote", "code"], [(0..<2, "person")])]
                : [(["Ada", "Lovelace", "visited", "Paris"], [(0..<2, "person"), (3..<4, "location")]),
                   (["Nothing", "here"], [])]
            let sentences = rows.enumerated().map { index, row in
                let sentence = Sentence(id: String(index), words: row.0)
                var labelled = sentence
                labelled.entities = row.1.map { sentence.entity(tokens: $0.0, type: $0.1) }
                return labelled
            }
            return LabeledSplit(dataset: dataset, split: split, labels: ["person", "location"], sentences: sentences)
        }
    }

    struct GoldAnnotator: Annotator {
        let counter: Counter
        func annotate(_ passages: [Passage], style: any PromptStyle, context: RunContext) async throws -> AnnotationResult {
            counter.bump("annotate")
            let split = try Datasets().load(dataset: "toy", split: "train")
            let failing = counter.failing
            return AnnotationResult(passages: split.sentences.filter { !failing.contains($0.id) }.map { sentence in
                AnnotatedPassage(passage: Passage(id: sentence.id, text: sentence.text),
                                 mentions: sentence.entities.map { Mention(text: $0.text, type: $0.type) })
            }, failedPassageIDs: failing)
        }
        func cacheIdentity() throws -> String { counter.annotatorIdentity }
    }

    struct GazetteerStudent: Student {
        let counter: Counter
        func train(_ examples: [InstructionExample], into directory: URL, context: RunContext) async throws -> ModelArtifact {
            counter.bump("train")
            var table: [String: [String]] = [:]
            for example in examples {
                for query in example.queries { table[query.label, default: []] += query.answers }
            }
            try JSONEncoder().encode(table).write(to: directory.appendingPathComponent("gazetteer.json"))
            return ModelArtifact(folder: directory, info: ["labels": String(table.count)],
                                 report: StageReport(counters: ["labels": Double(table.count)]))
        }
        func predictor(for model: ModelArtifact, context: RunContext) throws -> any Predictor {
            let data = try Data(contentsOf: model.folder.appendingPathComponent("gazetteer.json"))
            return GazetteerPredictor(table: try JSONDecoder().decode([String: [String]].self, from: data), counter: counter)
        }
    }

    struct GazetteerPredictor: Predictor {
        let table: [String: [String]]
        let counter: Counter
        func predict(_ queries: [EvaluationQuery], context: RunContext) async throws -> [Prediction] {
            counter.bump("predict")
            return queries.map { query in
                let found = (table[query.label] ?? []).filter { query.text.contains($0) }
                let list = "[" + found.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
                return Prediction(id: query.id, prediction: list)
            }
        }
    }

    /// Exact string match of the JSON answer lists, enough to check the plumbing.
    struct ExactMetric: Metric {
        let name = "exact"
        func counts(_ pair: ScoredQuery) -> MetricCounts? {
            let text = pair.prediction?.prediction ?? "[]"
            let items = (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
            return MetricCounts(correct: Double(items.filter(pair.query.answers.contains).count), predicted: items.count,
                                gold: pair.query.answers.count, queries: 1)
        }
    }

    static func registry(_ counter: Counter) -> PluginRegistry {
        // Fixed test descriptors with distinct kinds: a clash here is a mistake in this file.
        try! PluginRegistry(TestRegistry.registry.descriptors + [
            .plugin(.annotator, kind: "gold", summary: "toy gold", options: NoOptions.self) { _ in GoldAnnotator(counter: counter) },
            .plugin(.student, kind: "gazetteer", summary: "memorises mentions", options: NoOptions.self) { _ in
                GazetteerStudent(counter: counter)
            },
            .plugin(.metric, kind: "exact", summary: "exact match", options: NoOptions.self) { _ in ExactMetric() },
        ])
    }
}
