import Foundation
import UniNERCore

/// One token per CSV record, `token,tag` (E-NER's `all.csv`): a record with an empty token, an empty line or a
/// `-DOCSTART-` token ends the sentence. Tags are IOB1 or IOB2 (see `TagDecoder`).
public struct CSVTokenFormat: DatasetFormat {
    public var tokenColumn: Int
    public var tagColumn: Int
    public var hasHeader: Bool
    public var labelMap: LabelMap
    public var decoder: TagDecoder

    public init(tokenColumn: Int = 0, tagColumn: Int = 1, hasHeader: Bool = false, labelMap: LabelMap = .identity,
                decoder: TagDecoder = TagDecoder()) {
        self.tokenColumn = tokenColumn
        self.tagColumn = tagColumn
        self.hasHeader = hasHeader
        self.labelMap = labelMap
        self.decoder = decoder
    }

    /// - Throws: `DataError` with file and line for a record without the two columns or an unknown tag.
    public func read(_ url: URL) throws -> [Sentence] {
        let file = try DataFile(url)
        let stem = url.deletingPathExtension().lastPathComponent
        var sentences: [Sentence] = []
        var words: [String] = [], tags: [String] = [], lines: [Int] = []
        func flush() throws {
            defer { words.removeAll(); tags.removeAll(); lines.removeAll() }
            guard !words.isEmpty else { return }
            var sentence = Sentence(id: "\(stem)_\(sentences.count)", words: words)
            sentence.entities = try decoder.decode(tags, lines: lines, file: file).map {
                sentence.entity(tokens: $0.tokens, type: labelMap($0.type))
            }
            sentences.append(sentence)
        }
        for record in try CSVReader.records(of: file).dropFirst(hasHeader ? 1 : 0) {
            if record.fields.count == 1 && record.fields[0].isEmpty { try flush(); continue }
            guard record.fields.indices.contains(tokenColumn), record.fields.indices.contains(tagColumn) else {
                throw file.error(line: record.line, "expected a token in column \(tokenColumn + 1) and a tag in column \(tagColumn + 1), found \(record.fields.count) field\(record.fields.count == 1 ? "" : "s")",
                                 help: "write one 'token,tag' record per line; quote tokens that contain commas")
            }
            let cleaned = trimmed(record.fields[tokenColumn])
            if cleaned.isEmpty || cleaned == "-DOCSTART-" { try flush(); continue }
            words.append(cleaned)
            tags.append(trimmed(record.fields[tagColumn]))
            lines.append(record.line)
        }
        try flush()
        return sentences
    }
}

/// The string without leading and trailing spaces and tabs (cheap when there are none, the common case).
func trimmed(_ string: String) -> String {
    let utf8 = string.utf8
    func isSpace(_ byte: UInt8?) -> Bool { byte == 0x20 || byte == 0x09 }
    guard isSpace(utf8.first) || isSpace(utf8.last) else { return string }
    return string.trimmingCharacters(in: .whitespaces)
}

/// Options of the `csv-tokens` format.
public struct CSVTokenFormatOptions: PluginOptions {
    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("token_column", "int", default: "0", "column of the token, from 0", range: .nonNegative),
        OptionSpec("tag_column", "int", default: "1", "column of the BIO/IOB1 tag, from 0", range: .nonNegative),
        OptionSpec("header", "bool", default: "false", "whether the first record is a header"),
        OptionSpec("unknown_tags", "string", default: "error", "a tag other than O/B-X/I-X: error, or outside (read as O)"),
    ] + LabelOptions.specs(preset: .identity)

    public var format: CSVTokenFormat

    enum Keys: String, CodingKey { case token_column, tag_column, header, unknown_tags }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let labels = try LabelOptions(from: decoder, preset: .identity)
        let tokenColumn: Int = try container.decode(.token_column, default: 0)
        let tagColumn: Int = try container.decode(.tag_column, default: 1)
        guard tokenColumn >= 0 else { throw InvalidOption("token_column", "must be 0 or more") }
        guard tagColumn >= 0, tagColumn != tokenColumn else { throw InvalidOption("tag_column", "must be 0 or more and differ from token_column") }
        format = CSVTokenFormat(
            tokenColumn: tokenColumn, tagColumn: tagColumn, hasHeader: try container.decode(.header, default: false),
            labelMap: labels.map,
            decoder: TagDecoder(unknownTags: try decodeChoice(UnknownTagPolicy.self, container, .unknown_tags, default: .error)))
    }
}
