import Foundation
import Testing
import UniNERCore
import UniNERAnnotators
import UniNERPrompting

@Suite struct ReplayTests {
    func replay(limit: Int? = nil) async throws -> AnnotationResult {
        let annotator = ReplayAnnotator(options: .init(path: ReplayFixtures.url("pile-ner-canonical.json").path, limit: limit))
        return try await annotator.annotate([], style: TypePromptStyle(), context: ReplayFixtures.context())
    }

    @Test func positivesBecomeMentionsAndEmptyAnswersNegatives() async throws {
        let result = try await replay()
        let passages = result.passages
        #expect(passages.map(\.passage.id) == ["ner_0", "ner_1", "ner_2", "ner_3"])
        #expect(passages[0].passage.text == "Barack Obama visited Paris and London in 2009.")
        #expect(passages[0].mentions == [Mention(text: "Barack Obama", type: "person"), Mention(text: "Paris", type: "location"),
                                         Mention(text: "London", type: "location"), Mention(text: "2009", type: "date")])
        #expect(passages[0].negativeTypes == ["organization", "medical condition"])
        #expect(passages[1].passage.text.contains("Montr\u{e9}al serves cr\u{ea}pes \u{1F600}.\nPath: C:\\temp\\menu.txt\tdone"))
        #expect(passages[1].mentions.first == Mention(text: "Caf\u{e9} \"Le D\u{f4}me\"", type: "restaurant"))
        #expect(passages[2].mentions.isEmpty && passages[2].negativeTypes == ["person", "location"])
        #expect(passages[3].dataset == "conll2003")
        #expect(passages[3].passage.text == "EU rejects German call to boycott British lamb .")
        #expect(result.report["mentions"] == 11 && result.report["negative types"] == 7)
        #expect(try await replay(limit: 2).passages.count == 2)
    }

    /// Replay → per-type template (no shuffle, dataset field on) → export gives back the file byte for byte.
    @Test func replayThenExportIsByteIdentical() async throws {
        let original = try ReplayFixtures.data("pile-ner-canonical.json")
        let template = PerTypeTemplate(options: .init(shuffle: false))
        var generator = SeededRandom(seed: 13)
        let conversations = try await replay().passages.map { passage in
            template.conversation(for: template.example(for: passage, negatives: [], datasetField: true, using: &generator))
        }
        let exported = PileNERFormat.encode(conversations)
        #expect(exported == original, "first difference at byte \(Array(zip(exported, original)).firstIndex { $0 != $1 } ?? -1)")
    }

    @Test func malformedTurnsAreSkippedAndCounted() {
        let record = Conversation(id: "x", conversations: [
            .init(from: "human", value: "Text: Some text."), .init(from: "gpt", value: "I've read this text."),
            .init(from: "human", value: "Which entities are there?"), .init(from: "gpt", value: "[]"),
            .init(from: "human", value: "What describes person in the text?"), .init(from: "gpt", value: "Nobody, sorry."),
            .init(from: "human", value: "What describes number in the text?"), .init(from: "gpt", value: "[\"7\", 8]"),
            .init(from: "human", value: "What describes place in the text?"),
        ])
        var report = StageReport()
        let passage = ReplayAnnotator.annotatedPassage(from: record, source: nil, report: &report)
        #expect(passage?.mentions == [Mention(text: "7", type: "number")])
        #expect(passage?.negativeTypes == [])
        #expect(report["unrecognized questions"] == 1 && report["unparseable answers"] == 1)
        #expect(report["non-string mentions"] == 1 && report["unanswered questions"] == 1)
        let noText = Conversation(id: "y", conversations: [.init(from: "human", value: "Hello")])
        #expect(ReplayAnnotator.annotatedPassage(from: noText, source: nil, report: &report) == nil)
        #expect(report["records without text"] == 1)
    }

    @Test func missingFileIsADataError() async {
        let annotator = ReplayAnnotator(options: .init(path: "/nonexistent/train.json"))
        await #expect(throws: DataError.self) {
            _ = try await annotator.annotate([], style: TypePromptStyle(), context: ReplayFixtures.context())
        }
    }
}
