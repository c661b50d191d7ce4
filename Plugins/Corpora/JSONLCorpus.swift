import Foundation
import UniNERCore

/// The `jsonl` corpus: one JSON object per line, the document text in a configurable field, chunked and sampled.
///
/// ```yaml
/// corpus: {kind: jsonl, path: pile.jsonl, text_field: text, id_field: meta.id, max_tokens: 256, sample: 50000}
/// ```
/// Blank lines are skipped. `id_field` may be a dotted path into nested objects; without it a document is named
/// `{file name}:{line}`.
public struct JSONLCorpus: CorpusSource {
    public struct Options: PluginOptions {
        public var path: String
        public var textField: String
        public var idField: String?
        public var chunking: ChunkingOptions

        public static let optionSpecs: [OptionSpec] = [
            OptionSpec("path", "path", "the JSON-lines file"),
            OptionSpec("text_field", "string", default: "text", "field (dotted path) holding the document text"),
            OptionSpec("id_field", "string", default: "null", "field (dotted path) holding the document id; file:line when absent"),
        ] + ChunkingOptions.specs

        enum CodingKeys: String, CodingKey {
            case path, sample
            case textField = "text_field", idField = "id_field", maxTokens = "max_tokens"
        }

        public init(path: String, textField: String = "text", idField: String? = nil,
                    chunking: ChunkingOptions = ChunkingOptions()) {
            self.path = path
            self.textField = textField
            self.idField = idField
            self.chunking = chunking
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            path = try container.decode(String.self, forKey: .path)
            textField = try container.decode(.textField, default: "text")
            idField = try container.decodeIfPresent(String.self, forKey: .idField)
            chunking = try ChunkingOptions(from: container, maxTokens: .maxTokens, sample: .sample)
        }
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// - Throws: `DataError` with file and line for an unreadable file, a line that is not a JSON object, or a
    ///   missing or non-string text field.
    public func passages(context: RunContext) throws -> [Passage] {
        let url = URL(fileURLWithPath: options.path)
        let content: String
        do { content = try String(contentsOf: url, encoding: .utf8) } catch {
            throw DataError(file: url.path, "cannot read the corpus file as UTF-8: \(error.localizedDescription)")
        }
        let name = url.lastPathComponent
        var documents: [(id: String, text: String, source: String?)] = []
        for (offset, line) in content.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).enumerated() {
            let lineNumber = offset + 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)),
                  let record = object as? [String: Any] else {
                throw DataError(file: url.path, line: lineNumber, "not a JSON object",
                                help: "each line of a jsonl corpus is one object such as {\"text\": \"...\"}")
            }
            guard let text = Self.value(at: options.textField, in: record) as? String else {
                throw DataError(file: url.path, line: lineNumber, "no string field '\(options.textField)'",
                                help: "set 'text_field' to one of: \(record.keys.sorted().joined(separator: ", "))")
            }
            var id = "\(name):\(lineNumber)"
            if let idField = options.idField {
                guard let value = Self.value(at: idField, in: record), !(value is NSNull) else {
                    throw DataError(file: url.path, line: lineNumber, "no field '\(idField)' for the document id",
                                    help: "leave 'id_field' out to name documents by file and line")
                }
                id = (value as? String) ?? "\(value)"
            }
            documents.append((id, text, name))
        }
        return PassageSampling.passages(from: documents, chunker: options.chunking.chunker,
                                        sample: options.chunking.sample, seed: context.seed)
    }

    /// The value at a dotted path (`meta.id`) of nested objects.
    static func value(at path: String, in record: [String: Any]) -> Any? {
        if let direct = record[path] { return direct }
        var current: Any? = record
        for key in path.split(separator: ".") {
            guard let object = current as? [String: Any] else { return nil }
            current = object[String(key)]
        }
        return current
    }
}
