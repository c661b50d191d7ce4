import Testing
import UniNERMetrics

@Suite("OfficialAnswerParser")
struct OfficialAnswerParserTests {
    @Test("agrees with the official parser on raw answers", arguments: OfficialEvaluatorFixture.parse)
    func parse(_ input: String, _ expected: [OfficialAnswerParser.Item]) {
        #expect(OfficialAnswerParser.parse(input) == expected)
    }

    @Test("agrees with the official parser after its regex", arguments: OfficialEvaluatorFixture.matched)
    func matched(_ input: PythonString, _ expected: [OfficialAnswerParser.Item]) {
        #expect(OfficialAnswerParser.parse(matchedJSON: input) == expected)
    }

    @Test("cleans outputs as the official get_response does", arguments: OfficialEvaluatorFixture.responses)
    func cleanResponse(_ input: String, _ expected: String) {
        let cleaned = OfficialAnswerParser.cleanResponse(PythonString(input))
        #expect(cleaned == PythonString(expected))
        #expect(OfficialAnswerParser.cleanResponse(cleaned) == cleaned)
    }

    @Test("cuts at the first ']' and refuses a line feed before it")
    func regex() {
        #expect(OfficialAnswerParser.firstList(in: #"["a]b"] tail"#)?.description == #"["a]"#)
        #expect(OfficialAnswerParser.firstList(in: "[\"a\"\r]")?.description == "[\"a\"\r]")
        #expect(OfficialAnswerParser.firstList(in: "[\"a\",\n\"b\"]") == nil)
        #expect(OfficialAnswerParser.firstList(in: " [\"a\"]") == nil)
        #expect(OfficialAnswerParser.firstList(in: "[") == nil)
    }

    @Test("gold answers go through json.dumps, so a ']' in a mention empties them")
    func gold() {
        #expect(OfficialAnswerParser.gold(["The Beatles", "beatles", "Café"]) == [.text("beatles"), .text("café")])
        #expect(OfficialAnswerParser.gold(["x [1]", "y"]) == [])
        #expect(OfficialAnswerParser.gold(["line\nbreak"]) == [.text("line break")])
    }
}
