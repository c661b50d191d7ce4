import Foundation
import UniNERCore
import UniNERDatasets
import XCTest

final class EvaluationQueryBuilderTests: XCTestCase {
    /// (items, what Python's json.dumps(items) prints with ensure_ascii=True)
    static let pythonJSON: [([String], String)] = [
        ([], "[]"),
        (["Paris", "London"], #"["Paris", "London"]"#),
        (["Beyoncé"], #"["Beyonc\u00e9"]"#),
        (["say \"hi\"", "a\\b"], #"["say \"hi\"", "a\\b"]"#),
        (["tab\there\nline", "\u{7F}\u{1}"], #"["tab\there\nline", "\u007f\u0001"]"#),
        (["😀 →"], #"["\ud83d\ude00 \u2192"]"#),
    ]

    func testAnswersAreWrittenAsPythonJSONDumps() {
        for (items, expected) in Self.pythonJSON {
            XCTAssertEqual(EvaluationQueryBuilder.pythonJSONList(items), expected)
            XCTAssertEqual(EvaluationQueryBuilder.decodeStringList(expected), items)
        }
    }

    func testOneQueryPerSentenceAndLabelInOrder() {
        var first = Sentence(id: "s0", words: ["Paris", "and", "Paris", "Hilton"])
        first.entities = [first.entity(tokens: 2..<4, type: "person"), first.entity(tokens: 0..<1, type: "location"),
                          first.entity(tokens: 2..<3, type: "location")]
        let second = Sentence(id: "s1", words: ["nothing"])
        let split = LabeledSplit(dataset: "toy", split: "test", labels: ["location", "person", "else"], sentences: [first, second])
        let queries = EvaluationQueryBuilder.queries(for: split)
        XCTAssertEqual(queries.map(\.id), (0..<6).map { "toy_\($0)" })
        XCTAssertEqual(queries.map(\.label), ["location", "person", "else", "location", "person", "else"])
        XCTAssertEqual(queries[0].answers, ["Paris", "Paris"])
        XCTAssertEqual(queries[0].spans, [CharacterSpan(start: 0, end: 5), CharacterSpan(start: 10, end: 15)])
        XCTAssertEqual(queries[1].answers, ["Paris Hilton"])
        XCTAssertEqual(queries[3].answers, [])
        XCTAssertEqual(EvaluationQueryBuilder.queries(for: split, limit: 4).count, 4)

        let record = EvaluationQueryBuilder.conversation(for: queries[0])
        XCTAssertEqual(record.conversations.map(\.value), ["Text: Paris and Paris Hilton", "I've read this text.",
                                                           "What describes location in the text?", #"["Paris", "Paris"]"#])
        let dataset = EvaluationQueryBuilder.conversation(for: queries[1], datasetField: true)
        XCTAssertEqual(dataset.conversations[0].value, "Dataset: toy \n Text: Paris and Paris Hilton")
        let back = try? EvaluationQueryBuilder.queries(from: dataset)
        XCTAssertEqual(back?.first?.dataset, "toy")
        XCTAssertEqual(back?.first?.answers, ["Paris Hilton"])
    }

    func testReadingAMalformedQueryFileNamesTheRecord() throws {
        let url = try temporaryFile(#"[{"id": "x_0", "conversations": [{"from": "human", "value": "Text: a"}, {"from": "gpt", "value": "I've read this text."}, {"from": "human", "value": "Which is a?"}, {"from": "gpt", "value": "[]"}]}]"#, name: "x.json")
        XCTAssertThrowsError(try EvaluationQueryBuilder.readQueries(from: url)) { error in
            XCTAssertEqual((error as? DataError)?.file, url.path)
            XCTAssertTrue((error as? DataError)?.message.contains("record 0 ('x_0')") == true, "\(error)")
        }
    }

    func testConversationFormatRebuildsTheOfficialSentences() throws {
        for (dataset, sentences) in [("CrossNER_AI", 431), ("CrossNER_music", 465), ("mit-restaurant", 1520)] {
            let url = try BenchmarkData.url("\(dataset)/\(dataset).json")
            let report = try ConversationFormat().readWithReport(url)
            XCTAssertEqual(report.sentences.count, sentences, dataset)   // duplicated texts stay separate sentences
            XCTAssertEqual(report.unlocatedAnswers, 0, dataset)
            XCTAssertEqual(report.labels, BenchmarkRegistry.dataset(named: dataset)?.labels, dataset)
            // Asking the rebuilt sentences gives back the official (text, label, answers) multiset.
            let official = try EvaluationQueryBuilder.readQueries(from: url)
            let rebuilt = EvaluationQueryBuilder.queries(dataset: dataset, sentences: report.sentences, labels: report.labels)
            XCTAssertEqual(OfficialQueryMatchTests.unmatched(official, rebuilt), 0, dataset)
        }
    }
}
