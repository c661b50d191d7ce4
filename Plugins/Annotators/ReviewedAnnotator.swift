import Foundation
import UniNERCore
import UniNERDatasets

/// The `reviewed` annotator: a teacher's labels, corrected by a person in an annotation tool.
///
/// ```yaml
/// annotator:
///   kind: reviewed
///   file: review/corrected.jsonl          # what Prodigy (db-out) or Label Studio (Export → JSON) wrote
///   teacher: {kind: command, command: "python3 Recipes/data/own-domain/teacher.py"}
/// ```
/// `uniner annotate RECIPE --export FILE --format prodigy|label-studio` writes the teacher's annotations
/// with each passage's id in the record's meta; the practitioner corrects them, and this annotator reads the
/// file back. A passage whose record was accepted (Prodigy `accept`, a Label Studio annotation) gets the
/// corrected spans; a rejected one is dropped; the others keep the teacher's labels, or are dropped with
/// `unreviewed: drop`. The stage report has the teacher's precision, recall and F1 per label against the
/// reviewed passages. Labels are read as written: the export wrote them in the prompt style's words.
public struct ReviewedAnnotator: Annotator {
    public struct Options: PluginOptions {
        public enum Format: String, CaseIterable, Sendable { case prodigy, labelStudio = "label-studio" }
        public enum Unreviewed: String, CaseIterable, Sendable { case teacher, drop }

        public var file: String
        public var format: Format?
        public var unreviewed: Unreviewed

        public static let optionSpecs: [OptionSpec] = [
            OptionSpec("file", "path", "the corrected file (relative to the working folder)"),
            OptionSpec("teacher", "annotator section", "the teacher whose labels were exported, e.g. {kind: command, ...}"),
            OptionSpec("format", "string", default: "by extension", "prodigy (JSON lines) or label-studio (JSON); .json is label-studio"),
            OptionSpec("unreviewed", "string", default: "teacher", "passages nobody reviewed: teacher (its labels) or drop"),
        ]

        enum CodingKeys: String, CodingKey { case file, format, unreviewed }

        public init(file: String, format: Format? = nil, unreviewed: Unreviewed = .teacher) {
            self.file = file
            self.format = format
            self.unreviewed = unreviewed
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            file = try container.decode(String.self, forKey: .file)
            format = try container.decodeIfPresent(String.self, forKey: .format).map { raw in
                guard let format = Format(rawValue: raw) else {
                    throw InvalidOption("format", "'\(raw)' is not prodigy or label-studio",
                                        help: NearestNames.help(for: raw, among: Format.allCases.map(\.rawValue)))
                }
                return format
            }
            let raw = try container.decode(.unreviewed, default: "teacher")
            guard let unreviewed = Unreviewed(rawValue: raw) else {
                throw InvalidOption("unreviewed", "'\(raw)' is not teacher or drop", help: "teacher keeps its labels; drop leaves them out")
            }
            self.unreviewed = unreviewed
        }

        /// The format named, else the file's extension: `.json` is Label Studio's export, anything else Prodigy's.
        var resolvedFormat: Format { format ?? (file.lowercased().hasSuffix(".json") ? .labelStudio : .prodigy) }
    }

    public let options: Options
    public let teacher: any Annotator
    /// The teacher's name for the report (its kind).
    public let teacherName: String

    public init(options: Options, teacher: any Annotator, teacherName: String) {
        self.options = options
        self.teacher = teacher
        self.teacherName = teacherName
    }

    /// Builds the teacher that the section's nested `teacher:` names, with the registry it was registered in.
    public init(options: Options, section: PluginSection, registry: PluginRegistry) throws {
        let teacherSection = try section.nested("teacher")
        let teacher = try registry.make(.annotator, teacherSection, as: (any Annotator).self)
        self.init(options: options, teacher: teacher, teacherName: teacherSection.kind)
    }

    static let missingFileHelp = "check 'file' of the reviewed annotator; write the file to review first with "
        + "'uniner annotate RECIPE --export FILE --format prodigy' (with the teacher as the annotator)"

    /// The teacher's identity and the corrected file's bytes: editing the corrections re-runs the stage.
    public func cacheIdentity() throws -> String {
        let file = try DataFile(URL(fileURLWithPath: options.file), unreadableHelp: Self.missingFileHelp)
        return Pipeline.key("reviewed", try teacher.cacheIdentity(), SHA256.hex(bytes: file.bytes))
    }

    /// - Throws: `DataError` naming the file and record for an unreadable file, a bad span or a record whose
    ///   text is not its passage's; the teacher's errors.
    public func annotate(_ passages: [Passage], style: any PromptStyle, context: RunContext) async throws -> AnnotationResult {
        let file = try DataFile(URL(fileURLWithPath: options.file), unreadableHelp: Self.missingFileHelp)
        let records = options.resolvedFormat == .prodigy ? try ProdigyFormat.records(in: file)
                                                         : try LabelStudioFormat.records(in: file)
        var report = StageReport()
        var reviewed: [String: CharacterSpanRecord] = [:]
        for record in records where record.review == .accepted || record.review == .rejected {
            guard let id = record.passageID else { report.add("reviewed records without a passage id"); continue }
            reviewed[id] = record
        }
        let outcome = try await teacher.annotate(passages, style: style, context: context)
        report.merge(outcome.report)
        let byTeacher = Dictionary(outcome.passages.map { ($0.passage.id, $0) }, uniquingKeysWith: { first, _ in first })
        var agreement = TeacherAgreement()
        var annotated: [AnnotatedPassage] = []
        var matched = Set<String>()
        for passage in passages {
            let taught = byTeacher[passage.id]
            guard let record = reviewed[passage.id] else {
                if let taught, options.unreviewed == .teacher {
                    annotated.append(taught)
                    report.add("unreviewed passages (teacher's labels)")
                } else if taught != nil {
                    report.add("unreviewed passages dropped")
                }
                continue
            }
            matched.insert(passage.id)
            guard record.text == passage.text else {
                throw file.error(line: record.line, "\(record.place): its text is not that of passage '\(passage.id)'",
                                 help: "offsets are only meaningful over the exported text: correct the labels, not the text")
            }
            if record.review == .rejected { report.add("rejected passages dropped"); continue }
            let sentence = try record.sentence(id: passage.id, labelMap: .identity, file: file)
            var mentions: [Mention] = []
            for entity in sentence.entities where !mentions.contains(Mention(text: entity.text, type: entity.type)) {
                mentions.append(Mention(text: entity.text, type: entity.type))
            }
            let present = Set(mentions.map(\.type))
            annotated.append(AnnotatedPassage(passage: passage, mentions: mentions,
                                              negativeTypes: (taught?.negativeTypes ?? []).filter { !present.contains($0) },
                                              dataset: taught?.dataset))
            report.add("reviewed passages (corrections)")
            let teacherSpans = MentionSpans.spans(of: taught?.mentions ?? [], in: passage.text).spans
            agreement.add(teacher: teacherSpans,
                          reviewed: sentence.entities.map { .init(start: $0.start, end: $0.end, label: $0.type) })
        }
        let stray = reviewed.keys.filter { !matched.contains($0) }.count
        if stray > 0 {
            report.add("reviewed records matching no passage", Double(stray))
            report.notes.append("\(stray) reviewed records of \(options.file) name passages this corpus does not have (was the corpus changed?)")
        }
        if agreement.passages > 0 {
            report.tables = (report.tables ?? []) + [agreement.table(teacher: teacherName)]
            let total = agreement.total
            context.log(String(format: "reviewed: teacher precision %.1f, recall %.1f, F1 %.1f on %d reviewed passages",
                               total.precision * 100, total.recall * 100, total.f1 * 100, agreement.passages))
        } else {
            report.notes.append("no passage of \(options.file) was reviewed: the teacher's labels are used as they are")
        }
        return AnnotationResult(passages: annotated, report: report)
    }
}
