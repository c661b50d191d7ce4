import Foundation
import UniNERCore

/// Reads and writes instruction data in the released Pile-NER-type format (`train.json`): a JSON list of
/// `{"id": ..., "conversations": [{"from": "human", "value": "Text: ..."}, {"from": "gpt", ...}, ...]}`.
///
/// Writing matches Python's `json.dump(data, f)` with its defaults, byte for byte: keys `id` then
/// `conversations`, turns `from` then `value`, separators `", "` and `": "`, `ensure_ascii=True` escaping,
/// no trailing newline. That is the layout of the authors' own files in `src/eval/test_data` (checked on
/// `CrossNER_AI.json`); the layout of the 128 MB `train.json` (an LFS file) could not be inspected, so
/// `indent` reproduces `json.dump(..., indent=N)` if it ever turns out to be indented.
///
/// - Complexity: O(n) in the size of the data.
public enum PileNERFormat {
    /// The bytes of `conversations` as `json.dump` writes them (`indent: nil`), or with `indent=N`.
    public static func encode(_ conversations: [Conversation], indent: Int? = nil) -> Data {
        Data(render(conversations, indent: indent).utf8)
    }

    /// The bytes of instruction examples, each rendered by `ConversationRenderer` (per-type or all-in-one layout).
    public static func encode(examples: [InstructionExample], indent: Int? = nil) -> Data {
        encode(examples.map(ConversationRenderer.conversation(for:)), indent: indent)
    }

    /// The text of `conversations` as `json.dump` writes it.
    public static func render(_ conversations: [Conversation], indent: Int? = nil) -> String {
        var out = ""
        if let indent {
            writeIndented(conversations, indent: indent, into: &out)
        } else {
            out += "["
            for (index, record) in conversations.enumerated() {
                if index > 0 { out += ", " }
                out += "{\"id\": " + PythonJSON.string(record.id) + ", \"conversations\": ["
                for (turnIndex, turn) in record.conversations.enumerated() {
                    if turnIndex > 0 { out += ", " }
                    out += "{\"from\": " + PythonJSON.string(turn.from) + ", \"value\": " + PythonJSON.string(turn.value) + "}"
                }
                out += "]}"
            }
            out += "]"
        }
        return out
    }

    /// Python's `indent=N` layout: item separator `,` plus newline, key separator `": "`, empty lists as `[]`.
    static func writeIndented(_ conversations: [Conversation], indent: Int, into out: inout String) {
        func pad(_ level: Int) -> String { "\n" + String(repeating: " ", count: indent * level) }
        guard !conversations.isEmpty else { out += "[]"; return }
        out += "["
        for (index, record) in conversations.enumerated() {
            out += (index > 0 ? "," : "") + pad(1) + "{"
            out += pad(2) + "\"id\": " + PythonJSON.string(record.id) + ","
            out += pad(2) + "\"conversations\": "
            if record.conversations.isEmpty {
                out += "[]"
            } else {
                out += "["
                for (turnIndex, turn) in record.conversations.enumerated() {
                    out += (turnIndex > 0 ? "," : "") + pad(3) + "{"
                    out += pad(4) + "\"from\": " + PythonJSON.string(turn.from) + ","
                    out += pad(4) + "\"value\": " + PythonJSON.string(turn.value)
                    out += pad(3) + "}"
                }
                out += pad(2) + "]"
            }
            out += pad(1) + "}"
        }
        out += "\n]"
    }

    /// Writes `conversations` to `url` (atomically).
    /// - Throws: `DataError` when the file cannot be written.
    public static func write(_ conversations: [Conversation], to url: URL, indent: Int? = nil) throws {
        do {
            try encode(conversations, indent: indent).write(to: url, options: .atomic)
        } catch {
            throw DataError(file: url.path, "cannot write the instruction data: \(error.localizedDescription)")
        }
    }

    /// Parses conversation records from JSON text in any layout (indented or not, keys in any order).
    /// - Parameter file: the name used in errors.
    /// - Throws: `DataError` naming the file (and the record, when known) for malformed data.
    public static func decode(_ data: Data, file: String) throws -> [Conversation] {
        do {
            return try JSONDecoder().decode([Conversation].self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw DataError(file: file, "record \(recordPath(context.codingPath)) has no '\(key.stringValue)'",
                            help: "each record is {\"id\": ..., \"conversations\": [{\"from\": ..., \"value\": ...}]}")
        } catch let DecodingError.typeMismatch(_, context) {
            throw DataError(file: file, "record \(recordPath(context.codingPath)): \(context.debugDescription)",
                            help: "the file must be a JSON list of {\"id\", \"conversations\"} records")
        } catch {
            throw DataError(file: file, "not a JSON list of conversation records: \(error.localizedDescription)",
                            help: "the file must be a JSON list of {\"id\", \"conversations\"} records")
        }
    }

    /// Reads conversation records from a file.
    /// - Throws: `DataError` for an unreadable or malformed file.
    public static func read(_ url: URL) throws -> [Conversation] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DataError(file: url.path, "cannot read the conversation file: \(error.localizedDescription)")
        }
        return try decode(data, file: url.path)
    }

    static func recordPath(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
