import XCTest
import UniNERCore
@testable import UniNERStudents

final class MentionAlignerTests: XCTestCase {
    func testWordsSplitPunctuationWithScalarOffsets() {
        let words = WordSplitter.words(in: "Café in Paris, France.")
        XCTAssertEqual(words.map(\.text), ["Café", "in", "Paris", ",", "France", "."])
        XCTAssertEqual(words.map(\.start), [0, 5, 8, 13, 15, 21])
        XCTAssertEqual(words.map(\.end), [4, 7, 13, 14, 21, 22])
    }

    func testEveryOccurrenceIsAligned() {
        let aligner = MentionAligner(words: WordSplitter.wordTexts(in: "New York beats Boston ; New York wins ."))
        XCTAssertEqual(aligner.occurrences(of: "New York"), [0...1, 5...6])
        XCTAssertEqual(aligner.occurrences(of: "Boston"), [3...3])
    }

    func testCaseInsensitiveOnlyWhenExactFails() {
        let aligner = MentionAligner(words: WordSplitter.wordTexts(in: "apple sold Apple shares to APPLE fans"))
        XCTAssertEqual(aligner.occurrences(of: "Apple"), [2...2])
        XCTAssertEqual(aligner.occurrences(of: "aPPle"), [0...0, 2...2, 5...5])
    }

    func testPunctuationInsideMentionsAndUnalignedCount() {
        let aligner = MentionAligner(words: WordSplitter.wordTexts(in: "He joined U.S. Steel (USX) in 1990."))
        XCTAssertEqual(aligner.occurrences(of: "U.S. Steel"), [2...6])
        XCTAssertEqual(aligner.occurrences(of: "USX"), [8...8])
        let aligned = aligner.align(["U.S. Steel", "Bethlehem", "USX", "USX", "", "Steel (USX"])
        XCTAssertEqual(aligned.spans, [2...6, 8...8, 6...8])
        XCTAssertEqual(aligned.unaligned, 2, "'Bethlehem' and the empty string")
    }
}
