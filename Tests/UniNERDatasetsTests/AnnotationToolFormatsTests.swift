import Foundation
import UniNERCore
import UniNERDatasets
import XCTest

final class AnnotationToolFormatsTests: XCTestCase {
    static let labels = LabelMap(["ING": "ingredient", "TOOL": "kitchen tool"], fallback: .error)

    func testProdigySkipsRejectKeepsOverlapsAndMarksSpansOffWordBoundaries() throws {
        let url = try temporaryFile("""
        {"text": "Whisk the egg whites in a bowl.", "spans": [{"start": 10, "end": 20, "label": "ING"}, {"start": 10, "end": 13, "label": "ING"}, {"start": 26, "end": 30, "label": "TOOL"}], "answer": "accept", "meta": {"passage": "p1"}}
        {"text": "Thrown away.", "spans": [], "answer": "reject"}
        {"text": "Passed over.", "spans": [], "answer": "ignore"}

        {"text": "Add the tomatoes.", "spans": [{"start": 8, "end": 14, "label": "ING"}]}
        """, name: "set.jsonl")
        let sentences = try ProdigyFormat(labelMap: Self.labels).read(url)
        XCTAssertEqual(sentences.map(\.id), ["p1", "set_1"])
        XCTAssertEqual(sentences[0].entities.map(\.text), ["egg", "egg whites", "bowl"])
        XCTAssertEqual(sentences[0].entities.map(\.type), ["ingredient", "ingredient", "kitchen tool"])
        XCTAssertEqual(sentences[0].tokens, WordSplitter.words(in: "Whisk the egg whites in a bowl."))
        XCTAssertEqual(sentences[0].entities.map(\.tokenStart), [2, 2, 6])
        // "tomato" of "tomatoes" ends inside a word: kept, without token indices (counted by `datasets --stats`).
        XCTAssertEqual(sentences[1].entities.map(\.text), ["tomato"])
        XCTAssertNil(sentences[1].entities[0].tokenStart)
    }

    func testLabelStudioReadsTheFirstAnnotationThatWasNotCancelledInUTF16Offsets() throws {
        // "🍅" is two UTF-16 units in Label Studio's offsets and one character here.
        let url = try temporaryFile("""
        [{"data": {"text": "🍅 soup in a pot"}, "annotations": [
            {"was_cancelled": true, "result": []},
            {"result": [{"type": "labels", "value": {"start": 3, "end": 7, "labels": ["ING"]}},
                        {"type": "relation", "from_id": "a", "to_id": "b"},
                        {"type": "labels", "value": {"start": 13, "end": 16, "labels": ["TOOL"]}}]}]},
         {"data": {"text": "never annotated"}, "annotations": [], "predictions": [{"result": []}]}]
        """, name: "export.json")
        let sentences = try LabelStudioFormat(labelMap: Self.labels).read(url)
        XCTAssertEqual(sentences.count, 1)
        XCTAssertEqual(sentences[0].entities.map(\.text), ["soup", "pot"])
        XCTAssertEqual(sentences[0].entities.map(\.start), [2, 12])
    }

    /// (format, file name, contents, expected line, words of the message): each bad input is one located paragraph.
    static let badInputs: [(any DatasetFormat, String, String, Int?, String)] = [
        (ProdigyFormat(labelMap: labels), "outside.jsonl", "{\"text\": \"ok\", \"spans\": []}\n{\"text\": \"salt\", \"spans\": [{\"start\": 0, \"end\": 9, \"label\": \"ING\"}]}\n",
         2, "line 2, span 0 [0, 9) 'ING' lies outside the text (4 characters)"),
        (ProdigyFormat(labelMap: labels), "reversed.jsonl", "{\"text\": \"salt\", \"spans\": [{\"start\": 3, \"end\": 1, \"label\": \"ING\"}]}\n",
         1, "the end is before the start"),
        (ProdigyFormat(labelMap: labels), "label.jsonl", "{\"text\": \"salt\", \"spans\": [{\"start\": 0, \"end\": 4, \"label\": \"SPICE\"}]}\n",
         1, "label 'SPICE' is not in the label map"),
        (ProdigyFormat(labelMap: labels), "notjson.jsonl", "{\"text\": \"salt\", \"spans\": []}\ntext: salt\n", 2, "line 2 is not valid JSON"),
        (LabelStudioFormat(labelMap: labels), "notjson.json", "{\"data\": ", nil, "malformed JSON"),
        (LabelStudioFormat(labelMap: labels), "ls-outside.json",
         "[{\"data\": {\"text\": \"salt\"}, \"annotations\": [{\"result\": [{\"value\": {\"start\": 2, \"end\": 8, \"labels\": [\"ING\"]}}]}]}]",
         nil, "task 0, span 0 [2, 8) 'ING' lies outside the text"),
        (ColumnFormat(labelMap: labels), "label.conll", "salt B-ING\n\npan B-PAN\n", 3, "label 'PAN' is not in the label map"),
    ]

    func testBadInputIsOneParagraphNamingFileAndRecordOrLine() throws {
        for (format, name, contents, line, words) in Self.badInputs {
            let url = try temporaryFile(contents, name: name)
            XCTAssertThrowsError(try format.read(url), name) { error in
                guard let error = error as? DataError else { return XCTFail("\(name): \(error) is not a DataError") }
                XCTAssertEqual(error.line, line, name)
                XCTAssertTrue(error.message.contains(words), "\(name): \(error.message)")
                let text = error.localizedDescription
                XCTAssertTrue(text.hasPrefix(line.map { "\(url.path):\($0): error:" } ?? "\(url.path): error:"), text)
                XCTAssertLessThanOrEqual(text.split(separator: "\n").count, 2, "one message and at most one help line: \(text)")
            }
        }
    }

    func testExportedRecordsReadBackWithTheirPassageIDs() throws {
        let annotated = AnnotatedPassage(passage: Passage(id: "notes/a#0", text: "Salt the pan, then salt the soup."),
                                         mentions: [Mention(text: "salt", type: "ingredient"), Mention(text: "pan", type: "kitchen tool"),
                                                    Mention(text: "saffron", type: "ingredient")])
        let (record, unplaced) = MentionSpans.record(for: annotated)
        // Every exact occurrence ("Salt" only if "salt" occurred nowhere); a mention found nowhere is reported.
        XCTAssertEqual(record.spans, [.init(start: 9, end: 12, label: "kitchen tool"), .init(start: 19, end: 23, label: "ingredient")])
        XCTAssertEqual(unplaced.map(\.text), ["saffron"])
        let prodigy = try temporaryFile(try ProdigyFormat.write([record], meta: ["teacher": "command", "prompt": "type"]), name: "out.jsonl")
        let line = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: prodigy)) as? [String: Any])
        XCTAssertEqual(line["meta"] as? [String: String], ["passage": "notes/a#0", "teacher": "command", "prompt": "type"])
        XCTAssertEqual(try ProdigyFormat.records(in: DataFile(prodigy)).first?.spans, record.spans)
        let studio = try temporaryFile("", name: "out.json")
        try LabelStudioFormat.write([record], modelVersion: "command").write(to: studio)
        let task = try XCTUnwrap(LabelStudioFormat.records(in: DataFile(studio)).first)
        XCTAssertEqual(task.spans, record.spans)
        XCTAssertEqual(task.passageID, "notes/a#0")
        XCTAssertEqual(task.review, .unreviewed, "pre-annotations are predictions, not annotations")
    }
}
