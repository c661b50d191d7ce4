import Foundation
import UniNERCore

/// A Label Studio JSON export: a list of tasks
/// `{"data": {"text"}, "annotations": [{"result": [{"value": {"start", "end", "labels"}}]}], "predictions"?}`.
///
/// A task's spans are those of its first annotation that was not cancelled; tasks without one are not
/// labelled and are skipped. Result items other than labelled spans (relations, choices) are ignored. Label
/// Studio counts offsets in UTF-16 code units, as JavaScript does; they are converted to Unicode scalars.
/// Tasks exported by `uniner annotate --export` carry the teacher's spans as `predictions` (pre-annotations)
/// and `data.passage`, `data.teacher`, `data.prompt`.
public struct LabelStudioFormat: DatasetFormat {
    public var labelMap: LabelMap

    public init(labelMap: LabelMap = .identity) {
        self.labelMap = labelMap
    }

    /// - Throws: `DataError` naming the file and task for malformed JSON, a task without text, a malformed,
    ///   outside or reversed span, or a label the map refuses.
    public func read(_ url: URL) throws -> [Sentence] {
        let file = try DataFile(url)
        let stem = url.deletingPathExtension().lastPathComponent
        return try Self.records(in: file).filter { $0.review == .accepted }.enumerated().map { index, record in
            try record.sentence(id: record.passageID ?? "\(stem)_\(index)", labelMap: labelMap, file: file)
        }
    }

    /// Every task of the file: annotated ones as accepted with the annotation's spans, the others as
    /// unreviewed with their first prediction's spans (the pre-annotation).
    public static func records(in file: DataFile) throws -> [CharacterSpanRecord] {
        let tasks = try JSONData.list(in: file)
        return try tasks.enumerated().map { index, task in
            let place = "task \(index)"
            guard let data = task["data"] as? [String: Any], let text = data["text"] as? String else {
                throw file.error(line: nil, "\(place) has no \"data\": {\"text\": ...}",
                                 help: "export the project as JSON from Label Studio (Export → JSON)")
            }
            let annotations = (task["annotations"] as? [[String: Any]]) ?? []
            let annotation = annotations.first { ($0["was_cancelled"] as? Bool) != true }
            let predictions = (task["predictions"] as? [[String: Any]]) ?? []
            let source = annotation ?? predictions.first
            let converter = OffsetConverter(text)
            var spans: [CharacterSpanRecord.Span] = []
            for (number, item) in ((source?["result"] as? [[String: Any]]) ?? []).enumerated() {
                guard let value = item["value"] as? [String: Any], value["labels"] != nil || value["start"] != nil else { continue }
                guard let start = JSONData.int(value["start"]), let end = JSONData.int(value["end"]),
                      let labels = value["labels"] as? [String], !labels.isEmpty else {
                    throw file.error(line: nil, "\(place), result \(number): expected \"value\": {\"start\": INT, \"end\": INT, \"labels\": [STRING]}")
                }
                for label in labels {
                    spans.append(.init(start: converter.scalarOffset(start), end: converter.scalarOffset(end), label: label))
                }
            }
            let passage = (data["passage"] as? String) ?? ((task["meta"] as? [String: Any])?["passage"] as? String)
            return CharacterSpanRecord(text: text, spans: spans, passageID: passage,
                                       review: annotation == nil ? .unreviewed : .accepted, place: place)
        }
    }

    /// Tasks with the records' spans as predictions (pre-annotations by `modelVersion`) and `meta` in `data`.
    public static func write(_ records: [CharacterSpanRecord], modelVersion: String, meta: [String: String] = [:]) throws -> Data {
        let tasks: [[String: Any]] = records.enumerated().map { index, record in
            let converter = OffsetConverter(record.text)
            var data: [String: Any] = ["text": record.text]
            for (key, value) in meta { data[key] = value }
            if let passage = record.passageID { data["passage"] = passage }
            let result: [[String: Any]] = record.spans.enumerated().map { number, span in
                ["id": "p\(index)_\(number)", "from_name": "label", "to_name": "text", "type": "labels",
                 "value": ["start": converter.utf16Offset(span.start), "end": converter.utf16Offset(span.end),
                           "text": record.text.unicodeScalarSlice(span.start, span.end), "labels": [span.label]] as [String: Any]]
            }
            return ["id": index + 1, "data": data, "annotations": [] as [Any],
                    "predictions": [["model_version": modelVersion, "result": result] as [String: Any]]]
        }
        return try JSONSerialization.data(withJSONObject: tasks, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// Converts between JavaScript's UTF-16 offsets and Unicode-scalar offsets of one text. An offset past
    /// the end (or inside a surrogate pair) maps past the end, so the span check reports it as outside.
    struct OffsetConverter {
        var scalarOfUTF16: [Int] = [0]
        var utf16OfScalar: [Int] = [0]

        init(_ text: String) {
            var units = 0
            for (index, scalar) in text.unicodeScalars.enumerated() {
                let width = scalar.utf16.count
                if width == 2 { scalarOfUTF16.append(Int.max / 2) }
                units += width
                scalarOfUTF16.append(index + 1)
                utf16OfScalar.append(units)
            }
        }

        func scalarOffset(_ utf16: Int) -> Int {
            guard utf16 >= 0 else { return utf16 }
            return utf16 < scalarOfUTF16.count ? scalarOfUTF16[utf16] : utf16 - (scalarOfUTF16.count - 1) + (scalarOfUTF16.last ?? 0)
        }

        func utf16Offset(_ scalar: Int) -> Int {
            scalar >= 0 && scalar < utf16OfScalar.count ? utf16OfScalar[scalar] : scalar
        }
    }
}
