import Foundation
import UniNERCore

/// TASTEset CSV: `ingredients,ingredients_entities`, one recipe per record; the entities are a JSON list of
/// `{"start", "end", "type", "entity"}` character spans over the ingredients text (Python string indices).
/// The text is kept as written (ingredient lines separated by line breaks); tokens split on whitespace.
public struct TASTEsetFormat: DatasetFormat {
    public var labelMap: LabelMap

    public init(labelMap: LabelMap = LabelMap(fallback: .naturalize)) {
        self.labelMap = labelMap
    }

    /// - Throws: `DataError` with file and line for a wrong header, bad entity JSON, or a span outside the text
    ///   or disagreeing with its `entity` string (up to the source's `"` written as `'`).
    public func read(_ url: URL) throws -> [Sentence] {
        let file = try DataFile(url)
        let stem = url.deletingPathExtension().lastPathComponent
        let records = try CSVReader.records(of: file)
        guard let header = records.first?.fields, header.prefix(2) == ["ingredients", "ingredients_entities"] else {
            throw file.error(line: 1, "expected the header 'ingredients,ingredients_entities'")
        }
        var sentences: [Sentence] = []
        for record in records.dropFirst() where record.fields != [""] {
            guard record.fields.count >= 2 else {
                throw file.error(line: record.line, "expected 2 fields (ingredients, entities), found \(record.fields.count)")
            }
            let text = record.fields[0]
            let scalars = Array(text.unicodeScalars)
            let tokens = Tokenization.whitespaceTokens(text)
            guard let data = record.fields[1].data(using: .utf8),
                  let list = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
                throw file.error(line: record.line, "'ingredients_entities' is not a JSON list of objects")
            }
            var entities: [EntitySpan] = []
            for (number, item) in list.enumerated() {
                guard let start = JSONData.int(item["start"]), let end = JSONData.int(item["end"]),
                      let type = item["type"] as? String else {
                    throw file.error(line: record.line, "entity \(number): expected {start, end, type, entity}")
                }
                guard 0 <= start, start < end, end <= scalars.count else {
                    throw file.error(line: record.line, "entity \(number): span [\(start), \(end)) lies outside the text (\(scalars.count) characters)")
                }
                let span = Tokenization.entity(text: text, scalars: scalars, tokens: tokens, start: start, end: end,
                                               type: labelMap(type))
                // The source's `entity` strings write `"` as `'` (5 of 13,362 entities); the span is authoritative.
                if let name = item["entity"] as? String,
                   name.replacingOccurrences(of: "\"", with: "'") != span.text.replacingOccurrences(of: "\"", with: "'") {
                    throw file.error(line: record.line, "entity \(number): 'entity' is '\(name)' but the span reads '\(span.text)'")
                }
                entities.append(span)
            }
            entities.sort { ($0.start, $0.end) < ($1.start, $1.end) }
            sentences.append(Sentence(id: "\(stem)_\(sentences.count)", text: text, tokens: tokens, entities: entities))
        }
        return sentences
    }
}
