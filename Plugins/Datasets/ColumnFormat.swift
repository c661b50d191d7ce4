import Foundation
import UniNERCore

/// CoNLL-style column files: one token per line, a tag column, blank lines between sentences.
///
/// Covers CrossNER `*.txt`, CoNLL-2003/CoNLL++, the biomedical IOB sets, WNUT-17, Broad Twitter sections,
/// HarveyNER, StackOverflow-NER (4 columns), WikiNEuRal/WikiANN (index, token, tag) and WLP. `-DOCSTART-` lines
/// end a sentence and are skipped. A URL that is a folder reads every file in it, in natural name order
/// (WLP's one-file-per-protocol layout). Sentence text is the tokens joined by single spaces.
public struct ColumnFormat: DatasetFormat {
    /// How columns are separated.
    public enum Separator: String, Codable, Sendable, CaseIterable {
        /// Single tabs (tokens may then contain spaces).
        case tab
        /// Runs of spaces or tabs.
        case whitespace
    }

    public var separator: Separator
    /// Column of the token (from 0; negative counts from the end).
    public var tokenColumn: Int
    /// Column of the tag (from 0; negative counts from the end, `-1` is the last).
    public var tagColumn: Int
    public var labelMap: LabelMap
    public var decoder: TagDecoder

    public init(separator: Separator = .whitespace, tokenColumn: Int = 0, tagColumn: Int = -1,
                labelMap: LabelMap = .identity, decoder: TagDecoder = TagDecoder()) {
        self.separator = separator
        self.tokenColumn = tokenColumn
        self.tagColumn = tagColumn
        self.labelMap = labelMap
        self.decoder = decoder
    }

    /// - Throws: `DataError` with file and line for a line without enough columns, an unknown tag, or bad UTF-8.
    public func read(_ url: URL) throws -> [Sentence] {
        var sentences: [Sentence] = []
        for file in try FolderListing.files(at: url) {
            try read(DataFile(file), into: &sentences)
        }
        return sentences
    }

    func read(_ file: DataFile, into sentences: inout [Sentence]) throws {
        let stem = file.url.deletingPathExtension().lastPathComponent
        var words: [String] = [], tags: [String] = [], lines: [Int] = []
        func flush() throws {
            defer { words.removeAll(keepingCapacity: true); tags.removeAll(keepingCapacity: true); lines.removeAll(keepingCapacity: true) }
            guard !words.isEmpty else { return }
            var sentence = Sentence(id: "\(stem)_\(sentences.count)", words: words)
            sentence.entities = try decoder.decode(tags, lines: lines, file: file).map { decoded in
                let type = try labelMap.name(decoded.type) { type in
                    file.error(line: lines[decoded.tokens.lowerBound], "label '\(type)' is not in the label map",
                               help: "add '\(type): natural name' to 'labels', or set 'label_fallback' to keep or naturalize")
                }
                return sentence.entity(tokens: decoded.tokens, type: type)
            }
            sentences.append(sentence)
        }
        try file.forEachLine { number, line in
            if file.isBlank(line) { try flush(); return }
            let fields = file.fields(line, tabsOnly: separator == .tab)
            if let first = fields.first, file.equals(first, "-DOCSTART-") { try flush(); return }
            let token = tokenColumn < 0 ? fields.count + tokenColumn : tokenColumn
            let tag = tagColumn < 0 ? fields.count + tagColumn : tagColumn
            guard token != tag, fields.indices.contains(token), fields.indices.contains(tag) else {
                throw file.error(line: number, "expected a token and a tag (columns \(describe(tokenColumn)) and \(describe(tagColumn))), found \(fields.count) column\(fields.count == 1 ? "" : "s")",
                                 help: "each line holds a token and its tag, separated by \(separator == .tab ? "a tab" : "spaces or tabs"); sentences are separated by blank lines")
            }
            if fields[token].isEmpty {
                // Broad Twitter's sections F and H have 5 lines '\tO' whose token was lost upstream: skipped.
                if file.equals(fields[tag], "O") { return }
                throw file.error(line: number, "empty token with tag '\(file.string(fields[tag]))'",
                                 help: "columns must be separated by \(separator == .tab ? "single tabs" : "spaces or tabs")")
            }
            words.append(file.string(fields[token]))
            tags.append(file.string(fields[tag]))
            lines.append(number)
        }
        try flush()
    }

    private func describe(_ column: Int) -> String { column < 0 ? "\(column) from the end" : "\(column + 1)" }
}

/// Options of the `conll` format.
public struct ColumnFormatOptions: PluginOptions {
    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("separator", "string", default: "whitespace", "column separator: tab, or whitespace (runs of spaces/tabs)"),
        OptionSpec("token_column", "int", default: "0", "column of the token, from 0 (negative counts from the end)"),
        OptionSpec("tag_column", "int", default: "-1", "column of the BIO/IOB1 tag, from 0 (-1 is the last)"),
        OptionSpec("unknown_tags", "string", default: "error", "a tag other than O/B-X/I-X: error, or outside (read as O)"),
        OptionSpec("drop_final_entity", "bool", default: "false",
                   "reproduce the official UniNER files, which lose an entity ending at a sentence's last token"),
    ] + LabelOptions.specs(preset: .identity)

    public var format: ColumnFormat

    enum Keys: String, CodingKey { case separator, token_column, tag_column, unknown_tags, drop_final_entity }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let labels = try LabelOptions(from: decoder, preset: .identity)
        format = ColumnFormat(
            separator: try decodeChoice(ColumnFormat.Separator.self, container, .separator, default: .whitespace),
            tokenColumn: try container.decode(.token_column, default: 0),
            tagColumn: try container.decode(.tag_column, default: -1),
            labelMap: labels.map,
            decoder: TagDecoder(unknownTags: try decodeChoice(UnknownTagPolicy.self, container, .unknown_tags, default: .error),
                                dropFinalEntity: try container.decode(.drop_final_entity, default: false)))
    }
}
