import UniNERCore
import XCTest

final class SentenceSplitterTests: XCTestCase {
    /// The sentence of each word, as "word:sentence" pairs.
    func split(_ text: String) -> [String] {
        let words = WordSplitter.words(in: text)
        return zip(words, SentenceSplitter.sentenceIndices(of: words, in: text)).map { "\($0.text):\($1)" }
    }

    func testSentenceEndsBeforeACapitalAfterTerminalPunctuation() {
        XCTAssertEqual(split("Curie worked in Paris. Einstein went to Princeton! Why? 1905 was"),
                       ["Curie:0", "worked:0", "in:0", "Paris:0", ".:0", "Einstein:1", "went:1", "to:1", "Princeton:1",
                        "!:1", "Why:2", "?:2", "1905:3", "was:3"])
    }

    func testInitialsAbbreviationsAndLowerCaseContinuationsEndNoSentence() {
        XCTAssertEqual(Set(split("J. Smith met Dr. Jones of the U.S. Army, e.g. Mr. Brown. then more").map { $0.split(separator: ":").last! }),
                       ["0"])
        XCTAssertEqual(split("It cost 3.5 dollars.").last, ".:0")
    }

    func testClosingQuotesStayWithTheirSentenceAndLineBreaksAlwaysEndOne() {
        XCTAssertEqual(split("He said \"Go.\" Then left"),
                       ["He:0", "said:0", "\":0", "Go:0", ".:0", "\":0", "Then:1", "left:1"])
        XCTAssertEqual(split("first line\nsecond line"), ["first:0", "line:0", "second:1", "line:1"])
    }

    /// The document of issue 16: 60 copies of one sentence and a last one, 61 sentences.
    func testARepeatedSentenceDocumentHasOneSentencePerCopy() {
        let text = String(repeating: "Marie Curie worked at the University of Paris with Pierre Curie. ", count: 60)
            + "Albert Einstein worked at Princeton University."
        let indices = SentenceSplitter.sentenceIndices(of: WordSplitter.words(in: text), in: text)
        XCTAssertEqual(indices.last, 60)
        XCTAssertEqual(Set(indices).count, 61)
    }
}
