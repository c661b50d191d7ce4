import Testing
import UniNERCore
@testable import UniNERPrompting

@Suite struct TemplateTests {
    let passage = AnnotatedPassage(
        passage: Passage(id: "ner_7", text: "Obama met Merkel in Berlin. Obama left."),
        mentions: [Mention(text: "Obama", type: "person"), Mention(text: "Merkel", type: "person"),
                   Mention(text: "Berlin", type: "location"), Mention(text: "Obama", type: "person")],
        negativeTypes: ["date"], dataset: "conll2003")

    func example(_ template: some QueryTemplate, negatives: [String] = ["event", "person"], datasetField: Bool = false,
                 seed: UInt64 = 1) -> InstructionExample {
        var generator = SeededRandom(seed: seed)
        return template.example(for: passage, negatives: negatives, datasetField: datasetField, using: &generator)
    }

    @Test func perTypeGoldenConversation() {
        let template = PerTypeTemplate(options: .init(shuffle: false))
        let built = example(template)
        #expect(built.queries == [LabelQuery(label: "person", answers: ["Obama", "Merkel"]),
                                  LabelQuery(label: "location", answers: ["Berlin"]),
                                  LabelQuery(label: "date", answers: []), LabelQuery(label: "event", answers: [])])
        let values = template.conversation(for: built).conversations.map { "\($0.from): \($0.value)" }
        #expect(values == [
            "human: Text: Obama met Merkel in Berlin. Obama left.",
            "gpt: I've read this text.",
            "human: What describes person in the text?",
            #"gpt: ["Obama", "Merkel"]"#,
            "human: What describes location in the text?",
            #"gpt: ["Berlin"]"#,
            "human: What describes date in the text?",
            "gpt: []",
            "human: What describes event in the text?",
            "gpt: []",
        ])
    }

    @Test func datasetFieldFollowsFigureThree() {
        let template = PerTypeTemplate(options: .init(shuffle: false))
        let first = template.conversation(for: example(template, datasetField: true)).conversations[0].value
        #expect(first == "Dataset: conll2003 \n Text: Obama met Merkel in Berlin. Obama left.")
        #expect(template.conversation(for: example(template, datasetField: false)).conversations[0].value.hasPrefix("Text: "))
        #expect(ConversationText.parseFirstTurn(first)! == ("Obama met Merkel in Berlin. Obama left.", "conll2003"))
        var noDataset = passage
        noDataset.dataset = nil
        var generator = SeededRandom(seed: 1)
        let plain = template.example(for: noDataset, negatives: [], datasetField: true, using: &generator)
        #expect(template.conversation(for: plain).conversations[0].value.hasPrefix("Text: "))
    }

    @Test func allInOneGoldenConversation() {
        let template = AllInOneTemplate(options: .init(shuffle: false))
        let turns = template.conversation(for: example(template)).conversations
        #expect(turns.count == 4)
        #expect(turns[2].value == "What describes person, location, date and event in the text?")
        #expect(turns[3].value == #"[["Obama", "person"], ["Merkel", "person"], ["Berlin", "location"]]"#)
        #expect(ConversationText.allInOneQuestion(["person"]) == "What describes person in the text?")
        #expect(ConversationText.allInOneQuestion(["person", "location"]) == "What describes person and location in the text?")
    }

    @Test func shuffleKeepsTheFirstTurnAndIsSeeded() {
        let template = PerTypeTemplate()
        let many = (0..<40).map { example(template, negatives: ["event", "work of art", "law", "money"], seed: $0) }
        let orders = Set(many.map { $0.queries.map(\.label) })
        #expect(orders.count > 10, "shuffling gives many orders over 40 seeds")
        for built in many {
            #expect(Set(built.queries.map(\.label)) == ["person", "location", "date", "event", "work of art", "law", "money"])
            #expect(template.conversation(for: built).conversations[0].value.hasPrefix("Text: "))
        }
        #expect(example(template, seed: 5) == example(template, seed: 5))
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("caf\u{e9}", #""caf\u00e9""#),
        ("a \"quote\" and \\ slash", #""a \"quote\" and \\ slash""#),
        ("tab\tnew\nline\r\u{08}\u{0C}", #""tab\tnew\nline\r\b\f""#),
        ("\u{01}\u{7F}", #""\u0001\u007f""#),
        ("smile \u{1F600}", #""smile \ud83d\ude00""#),
        ("\u{2014}\u{00AB}", #""\u2014\u00ab""#),
    ])
    func pythonEnsureASCIIStrings(input: String, expected: String) {
        #expect(PythonJSON.string(input) == expected)
    }

    @Test func pythonLists() {
        #expect(PythonJSON.list([]) == "[]")
        #expect(PythonJSON.list(["a", "b"]) == #"["a", "b"]"#)
        #expect(PythonJSON.pairs([]) == "[]")
    }
}
