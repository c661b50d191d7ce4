import Foundation
import Yams

/// The model card of a trained student, in the Hugging Face layout: YAML front matter (`library_name`,
/// `pipeline_tag`, `tags`, `datasets`, `metrics`, `model-index`), then the recipe, the teacher and data, the training
/// budget, the run's evaluation table (the numbers of `metrics.json`, in percent) and the intended use and limitations.
///
/// It reads only the recipe and the run's stage records and scores, so it knows no plugin: the budget rows are the
/// model stage's counters that a student reports (`steps`, `epochs`, `examples seen`, `training seconds`).
public struct ModelCard: Sendable {
    public var recipe: Recipe
    public var result: RunResult

    /// The file name in the model folder.
    public static let fileName = "README.md"

    /// The model stage's counters shown as the training budget, in this order, with their card names.
    static let budgetRows: [(counter: String, name: String)] = [
        ("steps", "optimizer steps"), ("planned steps", "planned steps"), ("epochs", "epochs"),
        ("sequences seen", "sequences seen (encoder passes)"), ("tokens seen", "tokens seen"),
        ("examples", "training examples"), ("tokens", "tokens in the training sequences"),
        ("training seconds", "wall time of training (s)"), ("final loss", "final loss"),
    ]

    public init(recipe: Recipe, result: RunResult) {
        self.recipe = recipe
        self.result = result
    }

    /// Writes the card into `folder` (e.g. a run's `model` link), atomically.
    public func write(into folder: URL) throws {
        try AtomicFile.write(Data(markdown().utf8), to: folder.appendingPathComponent(Self.fileName))
    }

    /// Datasets of the supervised mix (their training split was seen): the others were not trained on.
    var supervisedDatasets: Set<String> { Set(recipe.supervised.map(\.dataset)) }

    /// The card's text.
    public func markdown() -> String {
        var lines = ["---", frontMatter().trimmingCharacters(in: .newlines), "---", ""]
        let title = recipe.name + (recipe.variant.isEmpty ? "" : " (\(recipe.variant))")
        lines += ["# \(title)", ""]
        lines += ["A small open-type NER student made by targeted distillation as in [UniversalNER](https://universal-ner.github.io/) "
                  + "(ICLR 2024), with the `uniner` toolkit: given a text and entity types in natural language, it scores "
                  + "spans of words against every type.", ""]
        lines += ["## How it was made", ""] + provenance() + [""]
        lines += ["## Training budget", ""] + budget() + [""]
        lines += ["## Evaluation", ""] + evaluation() + [""]
        lines += ["## Intended use", ""] + intendedUse() + [""]
        lines += ["## Limitations", ""] + limitations() + [""]
        lines += ["## Recipe", "", "The resolved recipe that made this model (`recipe.yaml` of the run):", "", "```yaml",
                  recipe.yaml.trimmingCharacters(in: .newlines), "```", ""]
        return lines.joined(separator: "\n")
    }

    // MARK: - Front matter

    func frontMatter() -> String {
        var tags = ["named-entity-recognition", "universal-ner", "targeted-distillation", "uniner"]
        if let kind = recipe.student?.kind { tags.append(kind) }
        tags.append(recipe.queries.template.kind)
        var datasets: [String] = []
        for name in recipe.supervised.map(\.dataset) + result.datasets where !datasets.contains(name) { datasets.append(name) }
        let metricNames = ["precision", "recall", "f1"]
        var results: [Node] = []
        for dataset in result.datasets {
            for metric in result.metrics {
                guard let score = result.scores[dataset]?[metric] else { continue }
                let values = [score.precision, score.recall, score.f1]
                results.append(mapping([
                    ("task", mapping([("type", "token-classification"), ("name", "Named Entity Recognition")])),
                    ("dataset", mapping([("name", Node(dataset)), ("type", Node(dataset)),
                                         ("split", Node(recipe.evaluate?.split ?? "test"))])),
                    ("metrics", Node(zip(metricNames, values).map { name, value in
                        mapping([("type", Node(name)), ("name", Node("\(metric) \(name) (%)")),
                                 ("value", Node(Self.percent(value)))])
                    })),
                ]))
            }
        }
        var pairs: [(String, Node)] = [
            ("library_name", "uniner"), ("pipeline_tag", "token-classification"),
            ("tags", Node(tags.map { Node($0) })), ("datasets", Node(datasets.map { Node($0) })),
            ("metrics", Node(metricNames.map { Node($0) })),
        ]
        if !results.isEmpty {
            pairs.append(("model-index", Node([mapping([("name", Node(recipe.name)), ("results", Node(results))])])))
        }
        return (try? Yams.serialize(node: mapping(pairs))) ?? ""
    }

    func mapping(_ pairs: [(String, Node)]) -> Node { Node(pairs.map { (Node($0.0), $0.1) }) }

    // MARK: - Sections

    func stage(_ stage: PipelineStage) -> StageRecord? { result.stages.first { $0.stage == stage } }

    func provenance() -> [String] {
        var lines: [String] = []
        func section(_ label: String, _ section: PluginSection?) -> String {
            guard let section else { return "- **\(label)**: none" }
            let options = (try? Yams.serialize(node: Redaction.tree(section.options)))?
                .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let shown = options.isEmpty || options == "{}" ? "" : " — `\(options.replacingOccurrences(of: "\n", with: "; "))`"
            return "- **\(label)**: `\(section.kind)`\(shown)"
        }
        lines.append(section("Teacher (annotator)", recipe.annotator))
        lines.append(section("Corpus", recipe.corpus))
        if let counters = stage(.annotations)?.report.counters, !counters.isEmpty {
            lines.append("- Teacher output: " + Self.counts(counters, ["annotated passages", "mentions"]))
        }
        lines.append(section("Query template", recipe.queries.template) + ", negatives: `\(recipe.queries.negatives.kind)`")
        if recipe.supervised.isEmpty {
            lines.append("- **Supervised mix**: none (distilled data only)")
        } else {
            lines.append("- **Supervised mix**: " + recipe.supervised.map { source in
                "\(source.dataset) (\(source.split)\(source.count.map { ", \($0) sentences" } ?? ""))"
            }.joined(separator: ", "))
        }
        if let counters = stage(.queries)?.report.counters, !counters.isEmpty {
            lines.append("- Training queries: " + Self.counts(counters, ["queries", "distilled passages", "supervised passages",
                                                                         "distinct types", "negative queries"]))
        }
        lines.append(section("Student", recipe.student))
        lines.append("- Seed: \(recipe.seed)")
        return lines
    }

    func budget() -> [String] {
        guard let model = stage(.model) else { return ["The run has no model stage record."] }
        var lines = ["| | |", "|---|---|"]
        for row in Self.budgetRows {
            guard let value = model.report.counters[row.counter] else { continue }
            lines.append("| \(row.name) | \(Self.number(value)) |")
        }
        if !model.cached { lines.append("| wall time of the model stage (s) | \(Self.number(model.seconds)) |") }
        if !model.report.notes.isEmpty { lines += [""] + model.report.notes.map { "Note: \($0)" } }
        return lines
    }

    func evaluation() -> [String] {
        guard !result.scores.isEmpty, let evaluate = recipe.evaluate else { return ["The run evaluated nothing."] }
        var lines = ["Split `\(evaluate.split)`" + (evaluate.maxSentences.map { ", first \($0) sentences per dataset" } ?? "")
                     + "; micro-averaged over the (sentence, type) queries, in percent (the numbers of the run's "
                     + "`metrics.json`).", "",
                     "| dataset | setting | metric | precision | recall | F1 | queries | predicted | gold | correct |",
                     "|---|---|---|---|---|---|---|---|---|---|"]
        for dataset in result.datasets {
            for metric in result.metrics {
                guard let s = result.scores[dataset]?[metric] else { continue }
                lines.append("| \(dataset) | \(setting(dataset)) | \(metric) | \(Self.percent(s.precision)) | "
                             + "\(Self.percent(s.recall)) | \(Self.percent(s.f1)) | \(s.queries) | \(s.predicted) | \(s.gold) | "
                             + "\(Self.number(s.correct)) |")
            }
        }
        return lines
    }

    /// In domain when the dataset's training split was in the supervised mix, else zero-shot for the student.
    func setting(_ dataset: String) -> String { supervisedDatasets.contains(dataset) ? "in domain" : "zero-shot" }

    func intendedUse() -> [String] {
        [
            "Named entity recognition in English text for entity types given at inference time, on CPUs: "
                + "`uniner predict --model DIR --types \"person,location\" < texts.txt`, or after "
                + "`uniner export --model DIR --format onnx --out FOLDER`, `python FOLDER/predict.py` (onnxruntime).",
            "",
            "Best for types and domains like those it was trained on (the \"in domain\" rows above); for new domains the "
                + "\"zero-shot\" rows are the estimate to go by.",
        ]
    }

    func limitations() -> [String] {
        let inDomain = result.datasets.filter { supervisedDatasets.contains($0) }
        let zeroShot = result.datasets.filter { !supervisedDatasets.contains($0) }
        var lines = [
            "- In-domain scores (\(inDomain.isEmpty ? "none in this run" : inDomain.joined(separator: ", "))) come from "
                + "datasets whose training split was mixed into training: they overstate quality on new text.",
            "- Zero-shot scores (\(zeroShot.isEmpty ? "none in this run" : zeroShot.joined(separator: ", "))) are on "
                + "datasets the student never saw labelled; the teacher's corpus may still overlap their domain.",
            "- The student learns the teacher's errors and label conventions; it is smaller and usually below the teacher.",
            "- Mentions are spans of whole words (punctuation splits words) up to the student's maximum width; "
                + "texts longer than its token budget are read in overlapping windows.",
        ]
        if let limit = recipe.evaluate?.maxSentences {
            lines.append("- Evaluated on at most \(limit) sentences per dataset: small samples, wide confidence intervals.")
        }
        return lines
    }

    // MARK: - Formatting

    static func counts(_ counters: [String: Double], _ keys: [String]) -> String {
        keys.compactMap { key in counters[key].map { "\(number($0)) \(key)" } }.joined(separator: ", ")
    }

    static func percent(_ value: Double) -> String { String(format: "%.2f", value * 100) }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.4g", value)
    }
}
