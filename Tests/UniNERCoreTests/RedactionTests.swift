import UniNERCore
import XCTest

/// Credentials never reach what is printed or saved; text from outside never reaches the terminal raw; a
/// predictions file that answers an id twice is an error.
final class RedactionTests: XCTestCase {
    func testURLCredentialsAndSecretQueryValuesAreMasked() {
        XCTAssertEqual(Redaction.urls(in: "http://alice:s3cret@host:8000/v1"), "http://***@host:8000/v1")
        XCTAssertEqual(Redaction.urls(in: "see https://token@api.example.org/v1/chat"), "see https://***@api.example.org/v1/chat")
        XCTAssertEqual(Redaction.urls(in: "https://h/v1?api_key=sk-1&model=m&token=t#x"), "https://h/v1?api_key=***&model=m&token=***#x")
        XCTAssertEqual(Redaction.urls(in: "http://127.0.0.1:8080/v1"), "http://127.0.0.1:8080/v1")
    }

    func testAnEchoedKeyIsMasked() {
        XCTAssertEqual(Redaction.secrets(["sk-abcdef", nil], in: "Incorrect API key provided: Bearer sk-abcdef."),
                       "Incorrect API key provided: Bearer ***.")
        XCTAssertEqual(Redaction.secrets(["ab"], in: "ab stays: too short to be a key"), "ab stays: too short to be a key")
    }

    func testControlCharactersAreEscaped() {
        XCTAssertEqual(TerminalText.escaped("red \u{1B}[31mtext\u{0}"), "red \\u{1B}[31mtext\\u{0}")
        XCTAssertEqual(TerminalText.escaped("a\nb\tc"), "a\nb\tc")
        XCTAssertEqual(TerminalText.escaped("a\nb", keepNewlines: false), "a\\u{A}b")
        XCTAssertEqual(TerminalText.escaped("Café ✓"), "Café ✓")
    }

    func testADuplicatePredictionIDIsAnErrorNamingItAndItsRecords() throws {
        let predictions = ["q1", "q2", "q1"].map { Prediction(id: $0, prediction: "[]") }
        XCTAssertThrowsError(try PredictionIndex.byID(predictions, source: "pred.jsonl")) { error in
            let text = (error as? DataError)?.errorDescription ?? "\(error)"
            XCTAssertTrue(text.hasPrefix("pred.jsonl: error: duplicate id 'q1': records 1 and 3 both answer it"), text)
        }
        XCTAssertEqual(try PredictionIndex.byID(Array(predictions.prefix(2)), source: "p").count, 2)
    }
}
