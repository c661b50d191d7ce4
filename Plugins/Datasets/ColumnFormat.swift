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
            sentence.entities = try decoder.decode(tags, lines: lines, file: file).map {
                sentence.entity(tokens: $0.tokens, type: labelMap($0.type))
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

/// The files a format reads from a URL: the file itself, or a folder's files in natural name order.
enum FolderListing {
    static func files(at url: URL) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DataError(file: url.path, "no such file or folder", help: "check the path and UNINER_DATA")
        }
        guard isDirectory.boolValue else { return [url] }
        let names = try FileManager.default.contentsOfDirectory(atPath: url.path)
            .filter { !$0.hasPrefix(".") }
            .sorted { $0.compare($1, options: [.numeric]) == .orderedAscending }
        return names.map { url.appendingPathComponent($0) }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }
}
