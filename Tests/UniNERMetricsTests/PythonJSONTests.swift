import Testing
import UniNERMetrics

@Suite("PythonJSON")
struct PythonJSONTests {
    @Test("accepts and rejects what json.loads does", arguments: OfficialEvaluatorFixture.json)
    func acceptance(_ input: PythonString, _ accepted: Bool) {
        let result = Result { try PythonJSON.decode(input) }
        #expect(((try? result.get()) != nil) == accepted, "\(input) gave \(result)")
    }

    @Test("decodes escapes, surrogate pairs, lone surrogates, numbers and objects")
    func values() throws {
        let text = PythonString(#"[ "a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00", "\ud83dx", -1.5e3, NaN, true, null, {"k": []} ]"#)
        let expected: PythonJSON.Value = .array([
            .string(PythonString("a\"\\/\u{8}\u{C}\n\r\té\u{1F600}")),
            .string(PythonString(codePoints: [0xD83D, 0x78])),
            .number("-1.5e3"), .number("NaN"), .bool(true), .null,
            .object([PythonJSON.Pair(key: "k", value: .array([]))]),
        ])
        #expect(try PythonJSON.decode(text) == expected)
    }

    @Test("encodes as json.dumps does")
    func encode() {
        let strings: [PythonString] = ["Café", "a\"b\\c\nd\u{1}", "😀", PythonString(codePoints: [0xDC00]), "]"]
        #expect(PythonJSON.encode(strings).description == #"["Caf\u00e9", "a\"b\\c\nd\u0001", "\ud83d\ude00", "\udc00", "]"]"#)
        #expect(PythonJSON.encode([]).description == "[]")
    }

    @Test("fails instead of overflowing on deep nesting")
    func deepNesting() {
        let deep = PythonString(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        #expect(throws: PythonJSON.DecodeError.self) { try PythonJSON.decode(deep) }
    }
}
