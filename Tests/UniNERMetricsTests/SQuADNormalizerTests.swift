import Testing
import UniNERMetrics

@Suite("SQuADNormalizer")
struct SQuADNormalizerTests {
    @Test("agrees with the official normalize_answer", arguments: OfficialEvaluatorFixture.normalization)
    func agreesWithOfficial(_ input: PythonString, _ expected: PythonString) {
        #expect(SQuADNormalizer.normalize(input) == expected, "input \(input.codePoints.map { String($0, radix: 16) })")
    }

    @Test("normalises a lone surrogate like any other non-word character")
    func loneSurrogate() {
        let input = PythonString(codePoints: [0x54, 0x48, 0x45, 0xD83D, 0x41, 0x20, 0x42])  // "THE\u{D83D}A B"
        #expect(SQuADNormalizer.normalize(input) == PythonString(codePoints: [0xD83D, 0x20, 0x62]))
    }
}
