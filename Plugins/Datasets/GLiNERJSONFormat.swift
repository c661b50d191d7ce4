import Foundation
import UniNERCore

/// GLiNER's JSON datasets, in either of its layouts:
/// - `{"sentence": text, "entities": [{"name", "type", "pos": [charStart, charEnd]}]}` (the `NER_datasets`
///   files staged here: CrossNER/MIT/CoNLL `test.json`), offsets in Python string indices (Unicode scalars);
/// - `{"tokenized_text": [words], "ner": [[firstWord, lastWord, type]]}` (GLiNER's training files; the end word
///   is inclusive), whose text is the words joined by single spaces.
///
/// Entities come out sorted by position; text is kept as given, tokens split on whitespace.
public struct GLiNERJSONFormat: DatasetFormat {
    public var labelMap: LabelMap

    public init(labelMap: LabelMap = .gliner) {
        self.labelMap = labelMap
    }

    /// - Throws: `DataError` naming the file and item for a missing key, a span outside the text or a span whose
    ///   text differs from the entity's `name`.
    public func read(_ url: URL) throws -> [Sentence] {
        let file = try DataFile(url)
        let stem = url.deletingPathExtension().lastPathComponent
        return try JSONData.list(in: file).enumerated().map { index, item in
            let id = "\(stem)_\(index)"
            if let text = item["sentence"] as? String {
                return try characterSentence(id: id, text: text, entities: item["entities"], item: index, file: file)
            }
            if let words = item["tokenized_text"] as? [String] {
                return try tokenSentence(id: id, words: words, ner: item["ner"], item: index, file: file)
            }
            throw file.error(line: nil, "item \(index) has neither 'sentence' nor 'tokenized_text'",
                             help: "expected {sentence, entities} or {tokenized_text, ner}")
        }
    }

    private func characterSentence(id: String, text: String, entities: Any?, item: Int, file: DataFile) throws -> Sentence {
        let scalars = Array(text.unicodeScalars)
        let tokens = Tokenization.whitespaceTokens(text)
        guard let list = entities as? [[String: Any]] else {
            throw file.error(line: nil, "item \(item): 'entities' must be a list of objects")
        }
        let spans = try list.enumerated().map { number, entity -> EntitySpan in
            guard let type = entity["type"] as? String, let pos = entity["pos"] as? [Any], pos.count == 2,
                  let start = JSONData.int(pos[0]), let end = JSONData.int(pos[1]) else {
                throw file.error(line: nil, "item \(item), entity \(number): expected {name, type, pos: [start, end]}")
            }
            guard 0 <= start, start < end, end <= scalars.count else {
                throw file.error(line: nil, "item \(item), entity \(number): span [\(start), \(end)) lies outside the text (\(scalars.count) characters)")
            }
            let span = Tokenization.entity(text: text, scalars: scalars, tokens: tokens, start: start, end: end,
                                           type: labelMap(type))
            if let name = entity["name"] as? String, name != span.text {
                throw file.error(line: nil, "item \(item), entity \(number): 'name' is '\(name)' but the span reads '\(span.text)'")
            }
            return span
        }
        return Sentence(id: id, text: text, tokens: tokens, entities: spans.sorted { ($0.start, $0.end) < ($1.start, $1.end) })
    }

    private func tokenSentence(id: String, words: [String], ner: Any?, item: Int, file: DataFile) throws -> Sentence {
        var sentence = Sentence(id: id, words: words)
        guard let list = ner as? [[Any]] else {
            throw file.error(line: nil, "item \(item): 'ner' must be a list of [start, end, type]")
        }
        sentence.entities = try list.enumerated().map { number, entry in
            guard entry.count == 3, let start = JSONData.int(entry[0]), let end = JSONData.int(entry[1]),
                  let type = entry[2] as? String else {
                throw file.error(line: nil, "item \(item), entity \(number): expected [start, end, type]")
            }
            guard 0 <= start, start <= end, end < words.count else {
                throw file.error(line: nil, "item \(item), entity \(number): words [\(start), \(end)] outside the \(words.count) words")
            }
            return sentence.entity(tokens: start..<(end + 1), type: labelMap(type))
        }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        return sentence
    }
}
