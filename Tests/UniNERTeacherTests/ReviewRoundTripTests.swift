import Foundation
import Testing
import UniNERAnnotators
import UniNERCore
import UniNERDatasets
import UniNERPrompting
import UniNERTestSupport

/// Export the teacher's labels → a reviewer edits them → the `reviewed` annotator reads them back.
@Suite struct ReviewRoundTripTests {
    static let passages = [
        Passage(id: "p1", text: "Whisk the eggs and the milk in a bowl."),
        Passage(id: "p2", text: "Fry the onion in butter in a skillet."),
        Passage(id: "p3", text: "Serve the risotto with parmesan from a grater."),
        Passage(id: "p4", text: "Bake the bread in a tin."),
        Passage(id: "p5", text: "Stir the soup."),
    ]
    /// A teacher with the mistakes a cheap one makes: wrong labels, a wrong boundary, a spurious mention.
    static let teacher = ScriptedAnnotator(mentions: [
        "p1": [("eggs", "ingredient"), ("the milk", "ingredient"), ("bowl", "ingredient")],
        "p2": [("onion", "ingredient"), ("butter", "dish"), ("skillet", "kitchen tool")],
        "p3": [("Serve", "dish"), ("risotto", "dish"), ("parmesan", "kitchen tool"), ("grater", "kitchen tool")],
        "p4": [("bread", "ingredient"), ("tin", "kitchen tool")],
        "p5": [("soup", "dish")],
    ])

    let folder: URL
    let context: RunContext

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-review-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        context = RunContext(workDirectory: folder)
    }

    /// The teacher's annotations as `uniner annotate --export` writes them, as JSON objects to edit.
    func exported() async throws -> [[String: Any]] {
        let annotated = try await Self.teacher.annotate(Self.passages, style: TypePromptStyle(), context: context).passages
        let text = try ProdigyFormat.write(annotated.map { MentionSpans.record(for: $0).record }, meta: ["teacher": "scripted", "prompt": "type"])
        return try text.split(separator: "\n").map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    func write(_ records: [[String: Any]], _ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        let lines = try records.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func theTrainingDataReflectExactlyTheEditsAndTheTeacherIsScoredByHand() async throws {
        var records = try await exported()
        #expect(records.map { ($0["meta"] as? [String: String])?["passage"] } == ["p1", "p2", "p3", "p4", "p5"])
        #expect((records[0]["meta"] as? [String: String])?["teacher"] == "scripted")
        func edit(_ index: Int, _ change: (inout [[String: Any]]) -> Void) {
            var spans = records[index]["spans"] as? [[String: Any]] ?? []
            change(&spans)
            records[index]["spans"] = spans
            records[index]["answer"] = "accept"
        }
        func relabel(_ text: String, _ label: String) -> (inout [[String: Any]]) -> Void {
            { spans in for i in spans.indices where spans[i]["text"] as? String == text { spans[i]["label"] = label } }
        }
        func delete(_ text: String) -> (inout [[String: Any]]) -> Void {
            { spans in spans.removeAll { $0["text"] as? String == text } }
        }
        // 3 labels changed, 2 spans deleted, 1 added; p5 accepted as it was; p4 nobody reviewed.
        edit(0, relabel("bowl", "kitchen tool"))
        edit(1, relabel("butter", "ingredient"))
        edit(2, relabel("parmesan", "ingredient"))
        edit(2, delete("Serve"))
        edit(0, delete("the milk"))
        edit(0) { $0.append(["start": 23, "end": 27, "label": "ingredient"]) }
        edit(4) { _ in }
        let corrected = try write(records, "corrected.jsonl")

        let reviewed = ReviewedAnnotator(options: .init(file: corrected.path), teacher: Self.teacher, teacherName: "scripted")
        let result = try await reviewed.annotate(Self.passages, style: TypePromptStyle(), context: context)
        let mentions = result.passages.map { passage in passage.mentions.map { "\($0.text)/\($0.type)" } }
        #expect(result.passages.map(\.passage.id) == ["p1", "p2", "p3", "p4", "p5"])
        #expect(mentions == [
            ["eggs/ingredient", "milk/ingredient", "bowl/kitchen tool"],
            ["onion/ingredient", "butter/ingredient", "skillet/kitchen tool"],
            ["risotto/dish", "parmesan/ingredient", "grater/kitchen tool"],
            ["bread/ingredient", "tin/kitchen tool"],
            ["soup/dish"],
        ])
        #expect(result.report["reviewed passages (corrections)"] == 4)
        #expect(result.report["unreviewed passages (teacher's labels)"] == 1)

        // By hand, over p1, p2, p3, p5. Teacher: eggs, the milk, bowl, onion (ingredient); butter, Serve, risotto,
        // soup (dish); skillet, parmesan, grater (tool): 11. Reviewed: eggs, milk, onion, butter, parmesan;
        // risotto, soup; bowl, skillet, grater: 10. Agreeing: eggs, onion; risotto, soup; skillet, grater: 6.
        let table = try #require(result.report.tables?.first)
        #expect(table.title == "Teacher 'scripted' against 4 reviewed passages")
        #expect(table.rows == [
            ["ingredient", "4", "5", "2", "50.0", "40.0", "44.4"],
            ["kitchen tool", "3", "3", "2", "66.7", "66.7", "66.7"],
            ["dish", "4", "2", "2", "50.0", "100.0", "66.7"],
            ["all (micro)", "11", "10", "6", "54.5", "60.0", "57.1"],
        ])
        let markdown = RunReport(result: RunResult(recipe: "r", variant: "", folder: "", stages: [
            StageRecord(stage: .annotations, key: "k", cached: false, seconds: 0, report: result.report),
        ], scores: [:], domains: [:], datasets: [], metrics: [])).markdown()
        #expect(markdown.contains("| all (micro) | 11 | 10 | 6 | 54.5 | 60.0 | 57.1 |"))

        let dropping = ReviewedAnnotator(options: .init(file: corrected.path, unreviewed: .drop), teacher: Self.teacher, teacherName: "scripted")
        let kept = try await dropping.annotate(Self.passages, style: TypePromptStyle(), context: context)
        #expect(kept.passages.map(\.passage.id) == ["p1", "p2", "p3", "p5"])
    }

    @Test func labelStudioCorrectionsAreTheTasksAnnotations() async throws {
        let annotated = try await Self.teacher.annotate(Self.passages, style: TypePromptStyle(), context: context).passages
        let data = try LabelStudioFormat.write(annotated.map { MentionSpans.record(for: $0).record }, modelVersion: "scripted")
        var tasks = try #require(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        // The reviewer accepts p2's pre-annotation after fixing one label, as Label Studio saves it.
        var result = try #require((tasks[1]["predictions"] as? [[String: Any]])?.first?["result"] as? [[String: Any]])
        var value = try #require(result[1]["value"] as? [String: Any])
        value["labels"] = ["ingredient"]
        result[1]["value"] = value
        tasks[1]["annotations"] = [["result": result]]
        let url = folder.appendingPathComponent("export.json")
        try JSONSerialization.data(withJSONObject: tasks).write(to: url)
        let reviewed = ReviewedAnnotator(options: .init(file: url.path), teacher: Self.teacher, teacherName: "scripted")
        let outcome = try await reviewed.annotate(Self.passages, style: TypePromptStyle(), context: context)
        #expect(outcome.passages[1].mentions.map(\.type) == ["ingredient", "ingredient", "kitchen tool"])
        #expect(outcome.passages[0].mentions == [Mention(text: "eggs", type: "ingredient"), Mention(text: "the milk", type: "ingredient"),
                                                 Mention(text: "bowl", type: "ingredient")])
        #expect(outcome.report.tables?.first?.rows.last == ["all (micro)", "3", "3", "2", "66.7", "66.7", "66.7"])
    }

    @Test func aRecordWhoseTextWasEditedIsAnErrorNamingIt() async throws {
        var records = try await exported()
        records[2]["text"] = "Serve the risotto."
        records[2]["answer"] = "accept"
        let url = try write(records, "bad.jsonl")
        let reviewed = ReviewedAnnotator(options: .init(file: url.path), teacher: Self.teacher, teacherName: "scripted")
        await #expect(throws: DataError.self) { _ = try await reviewed.annotate(Self.passages, style: TypePromptStyle(), context: context) }
        do {
            _ = try await reviewed.annotate(Self.passages, style: TypePromptStyle(), context: context)
        } catch let error as DataError {
            #expect(error.localizedDescription.hasPrefix("\(url.path):3: error: line 3: its text is not that of passage 'p3'"))
        }
    }
}
