import Foundation
import UniNERCore

/// Character-offset JSON lines as spaCy and Prodigy write them: one record per line,
/// `{"text", "spans": [{"start", "end", "label"}], "answer"?, "meta"?}`.
///
/// Records answered `reject` or `ignore` are skipped (the reviewer threw them away or passed); offsets are
/// Python string indices, which are Unicode scalars here. Records exported by `uniner annotate --export`
/// carry `meta: {passage, teacher, prompt}`; the passage id becomes the sentence id.
public struct ProdigyFormat: DatasetFormat {
    public var labelMap: LabelMap

    public init(labelMap: LabelMap = .identity) {
        self.labelMap = labelMap
    }

    /// - Throws: `DataError` with file and line for a line that is not a JSON object, a record without text,
    ///   a malformed, outside or reversed span, or a label the map refuses.
    public func read(_ url: URL) throws -> [Sentence] {
        let file = try DataFile(url)
        let stem = url.deletingPathExtension().lastPathComponent
        return try Self.records(in: file).filter { $0.review != .rejected && $0.review != .ignored }.enumerated().map { index, record in
            try record.sentence(id: record.passageID ?? "\(stem)_\(index)", labelMap: labelMap, file: file)
        }
    }

    /// Every record of the file, with its review status (rejected and ignored ones included).
    public static func records(in file: DataFile) throws -> [CharacterSpanRecord] {
        var records: [CharacterSpanRecord] = []
        try file.forEachLine { number, range in
            guard !file.isBlank(range) else { return }
            let place = "line \(number)"
            let object: [String: Any]
            do {
                guard let parsed = try JSONSerialization.jsonObject(with: Data(file.bytes[range])) as? [String: Any] else {
                    throw file.error(line: number, "\(place) is not a JSON object",
                                     help: "each line holds one record {\"text\": ..., \"spans\": [{\"start\", \"end\", \"label\"}]}")
                }
                object = parsed
            } catch let error as DataError {
                throw error
            } catch {
                throw file.error(line: number, "\(place) is not valid JSON: \((error as NSError).userInfo["NSDebugDescription"] ?? error.localizedDescription)",
                                 help: "each line holds one record {\"text\": ..., \"spans\": [...]} (JSON lines, not a JSON list)")
            }
            guard let text = object["text"] as? String else {
                throw file.error(line: number, "\(place) has no \"text\" string")
            }
            if object["spans"] != nil, !(object["spans"] is [Any]) {
                throw file.error(line: number, "\(place): \"spans\" must be a list")
            }
            var spans: [CharacterSpanRecord.Span] = []
            for (index, item) in ((object["spans"] as? [Any]) ?? []).enumerated() {
                guard let span = item as? [String: Any], let start = JSONData.int(span["start"]),
                      let end = JSONData.int(span["end"]), let label = span["label"] as? String else {
                    throw file.error(line: number, "\(place), span \(index): expected {\"start\": INT, \"end\": INT, \"label\": STRING}")
                }
                spans.append(.init(start: start, end: end, label: label))
            }
            let review: CharacterSpanRecord.Review
            switch object["answer"] as? String {
            case "accept": review = .accepted
            case "reject": review = .rejected
            case "ignore": review = .ignored
            default: review = .unreviewed
            }
            let meta = object["meta"] as? [String: Any]
            records.append(CharacterSpanRecord(text: text, spans: spans, passageID: meta?["passage"] as? String,
                                               review: review, place: place, line: number))
        }
        return records
    }

    /// A file's records as JSON lines, each with `meta: {passage, ...meta}` and its spans (no `answer`: not reviewed).
    public static func write(_ records: [CharacterSpanRecord], meta: [String: String] = [:]) throws -> String {
        try records.map { record in
            var object: [String: Any] = [
                "text": record.text,
                "spans": record.spans.map { span -> [String: Any] in
                    ["start": span.start, "end": span.end, "label": span.label,
                     "text": record.text.unicodeScalarSlice(span.start, span.end)]
                },
            ]
            var recordMeta = meta
            if let passage = record.passageID { recordMeta["passage"] = passage }
            if !recordMeta.isEmpty { object["meta"] = recordMeta }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
            return String(decoding: data, as: UTF8.self)
        }.joined(separator: "\n") + (records.isEmpty ? "" : "\n")
    }
}
