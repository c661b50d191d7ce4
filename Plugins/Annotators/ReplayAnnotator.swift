import Foundation
import UniNERCore

/// The `replay` annotator: reads teacher annotations already made, in the released Pile-NER-type conversation
/// format, instead of asking a teacher.
///
/// ```yaml
/// annotator: {kind: replay, path: Pile-NER-type/train.json, limit: 5000}
/// ```
/// Each record `{"id", "conversations": [human "Text: ...", gpt "I've read this text.", human "What describes T in
/// the text?", gpt "[...]", ...]}` becomes one annotated passage (id = record id): every string of a non-empty
/// answer is a mention of type T, in answer order, and every `[]` answer makes T one of the passage's
/// `negativeTypes`. A first turn with the dataset field (`Dataset: D \n Text: ...`) sets the passage's `dataset`.
/// The file holds the passages too, so the passages given to `annotate` are not used. Questions that are not
/// per-type questions and answers that are not JSON lists are skipped and counted in the report.
public struct ReplayAnnotator: Annotator {
    public struct Options: PluginOptions {
        public var path: String
        /// Only the first `limit` records.
        public var limit: Int?

        public static let optionSpecs: [OptionSpec] = [
            OptionSpec("path", "path", "a conversation JSON file in the released Pile-NER-type format"),
            OptionSpec("limit", "int", default: "null", "read only the first N records; all when absent", range: .nonNegative),
        ]

        public init(path: String, limit: Int? = nil) {
            self.path = path
            self.limit = limit
        }

        enum CodingKeys: String, CodingKey { case path, limit }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            path = try container.decode(String.self, forKey: .path)
            limit = try container.decodeIfPresent(Int.self, forKey: .limit)
            if let limit, limit < 1 { throw InvalidOption("limit", "must be at least 1, found \(limit)") }
        }
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// The file's size and modification time (the released file is ~100 MB: too big to hash on every run), so
    /// replacing the file invalidates the cached annotations stage.
    /// - Throws: `DataError` when the file does not exist.
    public func cacheIdentity() throws -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: options.path) else {
            throw DataError(file: options.path, "no such file",
                            help: "point 'annotator.path' at a conversation JSON file in the released Pile-NER-type format")
        }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size) \(modified)"
    }

    /// - Throws: `DataError` for an unreadable or malformed file.
    public func annotate(_ passages: [Passage], style: any PromptStyle, context: RunContext) async throws -> AnnotationResult {
        let url = URL(fileURLWithPath: options.path)
        var records = try PileNERFormat.read(url)
        if let limit = options.limit, limit < records.count { records = Array(records.prefix(limit)) }
        var report = StageReport()
        let annotated = records.compactMap { Self.annotatedPassage(from: $0, source: url.lastPathComponent, report: &report) }
        report.add("records", Double(records.count))
        report.add("passages", Double(annotated.count))
        if !passages.isEmpty {
            report.notes.append("replay: the \(passages.count) corpus passages were not used; \(url.lastPathComponent) holds passages and annotations")
        }
        context.log("replay: \(annotated.count) passages, \(Int(report["mentions"])) mentions from \(url.lastPathComponent)")
        return AnnotationResult(passages: annotated, report: report)
    }

    /// One record as an annotated passage, or `nil` (counted as `records without text`) when its first turn is
    /// not a `Text:` turn.
    public static func annotatedPassage(from record: Conversation, source: String?,
                                        report: inout StageReport) -> AnnotatedPassage? {
        let turns = record.conversations
        guard let first = turns.first, first.from == ConversationText.humanRole,
              let (text, dataset) = ConversationText.parseFirstTurn(first.value) else {
            report.add("records without text")
            return nil
        }
        var mentions: [Mention] = []
        var negatives: [String] = []
        var index = 1
        if index < turns.count, turns[index].from == ConversationText.assistantRole { index += 1 }
        while index + 1 < turns.count {
            let question = turns[index], answer = turns[index + 1]
            index += 2
            guard question.from == ConversationText.humanRole, answer.from == ConversationText.assistantRole,
                  let label = ConversationText.parseQuestion(question.value) else {
                report.add("unrecognized questions")
                continue
            }
            guard let data = answer.value.data(using: .utf8),
                  let list = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [Any] else {
                report.add("unparseable answers")
                continue
            }
            if list.isEmpty {
                negatives.append(label)
                report.add("negative types")
                continue
            }
            for item in list {
                guard let mention = item as? String else {
                    report.add("non-string mentions")
                    continue
                }
                mentions.append(Mention(text: mention, type: label))
                report.add("mentions")
            }
        }
        if index < turns.count { report.add("unanswered questions") }
        return AnnotatedPassage(passage: Passage(id: record.id, text: text, source: source), mentions: mentions,
                                negativeTypes: negatives, dataset: dataset)
    }
}
