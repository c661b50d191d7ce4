import Foundation
import UniNERCore

/// SciERC in the DyGIE JSON-lines layout: one document per line, `{"doc_key", "sentences": [[words]],
/// "ner": [[[first, last, type]]]}` with one `ner` list per sentence and word indices counted over the whole
/// document (`last` inclusive). Each sentence becomes one `Sentence` (entities may nest, as in the source).
public struct SciERCFormat: DatasetFormat {
    public var labelMap: LabelMap

    public init(labelMap: LabelMap = SciERCFormat.defaultLabels) {
        self.labelMap = labelMap
    }

    /// SciERC's types in natural language.
    public static let defaultLabels = LabelMap([
        "Task": "task", "Method": "method", "Metric": "metric", "Material": "material",
        "OtherScientificTerm": "other scientific term", "Generic": "generic",
    ])

    /// - Throws: `DataError` with file and line for malformed JSON, a `ner` list that does not match the
    ///   sentences, or a span outside its sentence.
    public func read(_ url: URL) throws -> [Sentence] {
        let file = try DataFile(url)
        let stem = url.deletingPathExtension().lastPathComponent
        var sentences: [Sentence] = []
        try file.forEachLine { number, line in
            if file.isBlank(line) { return }
            guard let document = try? JSONSerialization.jsonObject(with: Data(file.bytes[line])) as? [String: Any] else {
                throw file.error(line: number, "not a JSON object")
            }
            guard let words = document["sentences"] as? [[String]], let ner = document["ner"] as? [[[Any]]],
                  ner.count == words.count else {
                throw file.error(line: number, "expected 'sentences' (lists of words) and one 'ner' list per sentence")
            }
            let key = (document["doc_key"] as? String) ?? stem
            var offset = 0
            for (index, sentenceWords) in words.enumerated() {
                var sentence = Sentence(id: "\(key)_\(index)", words: sentenceWords)
                sentence.entities = try ner[index].map { entry in
                    guard entry.count >= 3, let first = JSONData.int(entry[0]), let last = JSONData.int(entry[1]),
                          let type = entry[2] as? String else {
                        throw file.error(line: number, "sentence \(index): expected [first, last, type]")
                    }
                    // Compared before subtracting: indices near Int.min or Int.max must not overflow.
                    guard first >= offset, last >= first, last - offset < sentenceWords.count else {
                        throw file.error(line: number, "sentence \(index): words [\(first), \(last)] lie outside the sentence (words \(offset)..<\(offset + sentenceWords.count))")
                    }
                    return sentence.entity(tokens: (first - offset)..<(last - offset + 1), type: labelMap(type))
                }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
                sentences.append(sentence)
                offset += sentenceWords.count
            }
        }
        return sentences
    }
}
