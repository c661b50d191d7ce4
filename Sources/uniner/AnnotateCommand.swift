import ArgumentParser
import Foundation
import UniNERCore
import UniNERDatasets

struct AnnotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Run a recipe up to the teacher's annotations (cached; a rerun sends no request for cached passages).",
        discussion: """
        --export FILE --format prodigy|label-studio writes the annotations as pre-annotated records for review \
        in Prodigy (JSON lines) or Label Studio (JSON, spans as predictions), each with the passage id, the \
        teacher and the prompt style in its meta. Read the corrected file back with the 'reviewed' annotator.
        """
    )

    enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
        case prodigy, labelStudio = "label-studio"
    }

    @OptionGroup var recipe: RecipeArguments
    @OptionGroup var pipeline: PipelineArguments

    @Option(help: "Also write the annotated passages as JSON lines to this file.")
    var out: String?

    @Option(help: "Write the annotations for review in an annotation tool to this file (see --format).")
    var export: String?

    @Option(help: "Format of --export: prodigy (JSON lines) or label-studio (JSON).")
    var format: ExportFormat = .prodigy

    func run() async throws {
        try await reportingErrors {
            let variants = try recipe.load()
            if export != nil, variants.count > 1 {
                throw UniNERError("--export writes one file, but the recipe has \(variants.count) sweep variants",
                                  help: "pick one with --set, e.g. --set annotator.kind=... (sweeps vary what is exported)")
            }
            for variant in variants {
                let runner = pipeline.pipeline(for: variant)
                let run = try await runner.execute(variant, until: .annotations)
                guard let record = run.record(of: .annotations) else { continue }
                let counts = record.report.counters.sorted { $0.key < $1.key }
                    .map { "\($0.key): \(RunReport.countText($0.value))" }.joined(separator: ", ")
                print("\(variant.variant.isEmpty ? variant.name : variant.variant): \(record.cached ? "cached" : "annotated") — \(counts)")
                for table in record.report.tables ?? [] { print(table.markdown().joined(separator: "\n")) }
                // Annotations a failing teacher left incomplete are not cached, nor written.
                guard record.report.incomplete == nil else { continue }
                let passages = run.annotated
                if let out {
                    try JSONLines.write(passages, to: URL(fileURLWithPath: out))
                    logLine("wrote \(passages.count) annotated passages to \(out)")
                }
                if let export { try write(passages, of: variant, to: export) }
            }
        }
    }

    /// The teacher's annotations as pre-annotated records; mentions found nowhere in their passage are counted.
    func write(_ passages: [AnnotatedPassage], of recipe: Recipe, to path: String) throws {
        var unplaced = 0
        let records = passages.map { annotated in
            let placed = MentionSpans.record(for: annotated)
            unplaced += placed.unplaced.count
            return placed.record
        }
        let meta = ["teacher": Self.teacherName(recipe), "prompt": recipe.prompt.kind]
        let url = URL(fileURLWithPath: path)
        switch format {
        case .prodigy: try AtomicFile.write(try ProdigyFormat.write(records, meta: meta), to: url)
        case .labelStudio: try AtomicFile.write(try LabelStudioFormat.write(records, modelVersion: meta["teacher"] ?? "", meta: meta), to: url)
        }
        let spans = records.reduce(0) { $0 + $1.spans.count }
        logLine("exported \(records.count) passages with \(spans) teacher spans to \(path) (\(format.rawValue))"
                + (unplaced > 0 ? "; \(unplaced) mentions occur nowhere in their passage and are not exported" : ""))
    }

    /// The annotator's kind, and the kind of the teacher it wraps when its section names one (`reviewed/command`).
    static func teacherName(_ recipe: Recipe) -> String {
        guard let section = recipe.annotator else { return "none" }
        guard let wrapped = section.options["teacher"], let kind = wrapped["kind"]?.string ?? wrapped.string else { return section.kind }
        return "\(section.kind)/\(kind)"
    }
}
