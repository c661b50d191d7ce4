import Foundation
import UniNERCore

/// The SOFC-Exp corpus folder: `SOFC-Exp-Metadata.csv` (tab-separated, its `set` column gives each article's
/// split), `texts/<PMC>.txt`, `annotations/sentences/<PMC>.csv` (`sentence_id label begin end`, offsets into the
/// text) and `annotations/entity_types_and_slots/<PMC>.csv` (`sentence_id token_id begin end entity_BIO
/// slot_BIO`, token offsets into the sentence). Only the annotated (experiment-describing) sentences are read,
/// in article then sentence order; a sentence's text is its tokens joined by single spaces.
public struct SOFCFormat: DatasetFormat {
    /// Read only the articles of this `set` (`train`, `dev`, `test`); `nil` reads every annotated article.
    public var set: String?
    public var labelMap: LabelMap

    public init(set: String? = nil, labelMap: LabelMap = LabelMap(fallback: .naturalize)) {
        self.set = set
        self.labelMap = labelMap
    }

    /// Article ids per set, from the metadata file (tab-separated, with CSV quoting: a publisher name spans
    /// two lines).
    /// - Throws: `DataError` with file and line for a row without the `name` and `set` columns.
    public static func articles(in root: URL) throws -> [String: [String]] {
        let file = try DataFile(root.appendingPathComponent("SOFC-Exp-Metadata.csv"))
        let records = try CSVReader.records(of: file, separator: 0x09)
        guard let header = records.first?.fields, let nameIndex = header.firstIndex(of: "name"),
              let setIndex = header.firstIndex(of: "set") else {
            throw file.error(line: 1, "the header lacks the 'name' and 'set' columns")
        }
        var result: [String: [String]] = [:]
        for record in records.dropFirst() where record.fields != [""] {
            guard record.fields.count > max(nameIndex, setIndex) else {
                throw file.error(line: record.line, "expected \(header.count) tab-separated columns, found \(record.fields.count)")
            }
            result[record.fields[setIndex], default: []].append(record.fields[nameIndex])
        }
        return result
    }

    /// The sets (`train`, `dev`, `test`) with at least one annotated article present under `root`.
    public static func setsPresent(in root: URL) -> [String] {
        guard let sets = try? articles(in: root),
              let files = try? FolderListing.files(at: root.appendingPathComponent("annotations/entity_types_and_slots"))
        else { return [] }
        let annotated = Set(files.map { $0.deletingPathExtension().lastPathComponent })
        return ["train", "dev", "test"].filter { !Set(sets[$0] ?? []).isDisjoint(with: annotated) }
    }

    /// - Throws: `DataError` with file and line for a malformed row, an unknown sentence id or an offset outside
    ///   its sentence.
    public func read(_ root: URL) throws -> [Sentence] {
        let annotations = root.appendingPathComponent("annotations/entity_types_and_slots")
        let present = try FolderListing.files(at: annotations).map { $0.deletingPathExtension().lastPathComponent }
        var chosen = present
        if let set {
            let wanted = Set(try Self.articles(in: root)[set] ?? [])
            chosen = present.filter(wanted.contains)
        }
        var sentences: [Sentence] = []
        for article in chosen {
            try read(article: article, root: root, into: &sentences)
        }
        return sentences
    }

    private func read(article: String, root: URL, into sentences: inout [Sentence]) throws {
        let text = Array(try DataFile(root.appendingPathComponent("texts/\(article).txt")).text().unicodeScalars)
        let sentenceFile = try DataFile(root.appendingPathComponent("annotations/sentences/\(article).csv"))
        var bounds: [Int: (Int, Int)] = [:]
        try sentenceFile.forEachLine { number, line in
            if sentenceFile.isBlank(line) { return }
            let fields = sentenceFile.tabFields(line)
            guard fields.count == 4, let id = Int(fields[0]), let begin = Int(fields[2]), let end = Int(fields[3]),
                  0 <= begin, begin <= end, end <= text.count else {
                throw sentenceFile.error(line: number, "expected 'sentence_id label begin end' with offsets inside the text")
            }
            bounds[id] = (begin, end)
        }
        let entityFile = try DataFile(root.appendingPathComponent("annotations/entity_types_and_slots/\(article).csv"))
        let decoder = TagDecoder()
        var current: Int?
        var words: [String] = [], tags: [String] = [], lines: [Int] = []
        func flush() throws {
            defer { words.removeAll(); tags.removeAll(); lines.removeAll() }
            guard let id = current, !words.isEmpty else { return }
            var sentence = Sentence(id: "\(article)_\(id)", words: words)
            sentence.entities = try decoder.decode(tags, lines: lines, file: entityFile).map {
                sentence.entity(tokens: $0.tokens, type: labelMap($0.type))
            }
            sentences.append(sentence)
        }
        try entityFile.forEachLine { number, line in
            if entityFile.isBlank(line) { return }
            let fields = entityFile.tabFields(line)
            guard fields.count >= 5, let id = Int(fields[0]), let begin = Int(fields[2]), let end = Int(fields[3]) else {
                throw entityFile.error(line: number, "expected 'sentence_id token_id begin end entity_BIO slot_BIO'")
            }
            guard let (sentenceBegin, sentenceEnd) = bounds[id] else {
                throw entityFile.error(line: number, "sentence \(id) is not in annotations/sentences/\(article).csv")
            }
            // `end` is compared with the sentence's length, not added to its start: offsets near Int.max must not overflow.
            guard 0 <= begin, begin < end, end <= sentenceEnd - sentenceBegin else {
                throw entityFile.error(line: number, "token offsets [\(begin), \(end)) lie outside sentence \(id)")
            }
            if id != current { try flush(); current = id }
            var word = String.UnicodeScalarView()
            word.append(contentsOf: text[(sentenceBegin + begin)..<(sentenceBegin + end)])
            words.append(String(word))
            tags.append(fields[4])
            lines.append(number)
        }
        try flush()
    }
}

/// Options of the `sofc` format.
public struct SOFCFormatOptions: PluginOptions {
    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("set", "string", default: "null", "read only the articles of this set (train, dev, test); null reads all"),
    ] + LabelOptions.specs(preset: .identity, fallback: .naturalize)

    public var format: SOFCFormat

    enum Keys: String, CodingKey { case set }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let labels = try LabelOptions(from: decoder, preset: .identity, fallback: .naturalize)
        format = SOFCFormat(set: try container.decodeIfPresent(String.self, forKey: .set), labelMap: labels.map)
    }
}
