import Foundation
import UniNERCore

/// FiNER-ORD CSV: `gold_label,gold_token,doc_idx,sent_idx`, one token per record, integer labels
/// `0=O, 1=PER_B, 2=PER_I, 3=LOC_B, 4=LOC_I, 5=ORG_B, 6=ORG_I` (the repo's code and card). A sentence is a run
/// of records with the same `(doc_idx, sent_idx)`.
public struct FiNERORDFormat: DatasetFormat {
    public var labelMap: LabelMap

    public init(labelMap: LabelMap = .conll) {
        self.labelMap = labelMap
    }

    static let tags = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"]

    /// - Throws: `DataError` with file and line for a wrong header, a missing column or a label outside 0...6.
    public func read(_ url: URL) throws -> [Sentence] {
        let file = try DataFile(url)
        let stem = url.deletingPathExtension().lastPathComponent
        let records = try CSVReader.records(of: file)
        guard let header = records.first?.fields, header.prefix(4) == ["gold_label", "gold_token", "doc_idx", "sent_idx"] else {
            throw file.error(line: 1, "expected the header 'gold_label,gold_token,doc_idx,sent_idx'")
        }
        let decoder = TagDecoder()
        var sentences: [Sentence] = []
        var words: [String] = [], tags: [String] = [], lines: [Int] = []
        var key: (Int, Int)?
        func flush() throws {
            defer { words.removeAll(); tags.removeAll(); lines.removeAll() }
            guard !words.isEmpty else { return }
            var sentence = Sentence(id: "\(stem)_\(sentences.count)", words: words)
            sentence.entities = try decoder.decode(tags, lines: lines, file: file).map {
                sentence.entity(tokens: $0.tokens, type: labelMap($0.type))
            }
            sentences.append(sentence)
        }
        for record in records.dropFirst() {
            if record.fields == [""] { continue }
            guard record.fields.count >= 4, let label = Int(record.fields[0]), Self.tags.indices.contains(label),
                  let document = Int(record.fields[2]), let index = Int(record.fields[3]) else {
                throw file.error(line: record.line, "expected 'label,token,doc_idx,sent_idx' with a label in 0...6 and integer indices, found '\(record.fields.joined(separator: ","))'")
            }
            if let current = key, current != (document, index) { try flush() }
            key = (document, index)
            let token = trimmed(record.fields[1])
            guard !token.isEmpty else { continue }
            words.append(token)
            tags.append(Self.tags[label])
            lines.append(record.line)
        }
        try flush()
        return sentences
    }
}
