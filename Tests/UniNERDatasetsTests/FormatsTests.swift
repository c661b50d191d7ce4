import Foundation
import UniNERCore
import UniNERDatasets
import XCTest

/// One known sentence of each non-CoNLL format, read from the real files.
final class FormatsTests: XCTestCase {
    func load(_ dataset: String, _ split: String = "test") throws -> LabeledSplit {
        try BenchmarkData.provider().load(dataset: dataset, split: split)
    }

    func mentions(_ sentence: Sentence) -> [String] { sentence.entities.map { "\($0.type): \($0.text)" } }

    func testFiNERORDIntegerLabels() throws {
        let sentence = try load("FiNER-ORD").sentences[8]   // test.csv doc 0, sentence 8
        XCTAssertTrue(sentence.text.hasPrefix("Last week a man named Robin Lee was told"))
        XCTAssertEqual(mentions(sentence).prefix(2), ["person: Robin Lee", "location: London Overground"])
    }

    func testTASTEsetCharacterSpans() throws {
        let sentence = try XCTUnwrap(try TASTEsetFormat().read(BenchmarkData.url("TASTEset/TASTEset.csv")).first)
        XCTAssertTrue(sentence.text.hasPrefix("5 ounces rum\n4 ounces triple sec"))
        XCTAssertEqual(mentions(sentence).prefix(3), ["quantity: 5", "unit: ounces", "food: rum"])
        XCTAssertEqual(sentence.entities.first?.tokenStart, 0)
    }

    func testSciERCNestedDocumentSpans() throws {
        let sentence = try XCTUnwrap(try SciERCFormat().read(BenchmarkData.url("SciERC/test.json")).first)
        XCTAssertEqual(mentions(sentence).prefix(3),
                       ["task: Recognition of proper nouns", "other scientific term: proper nouns", "material: Japanese text"])
        // The loaded split asks Tab. 6's 4 types only.
        XCTAssertEqual(mentions(try load("SciERC").sentences[0]).prefix(2), ["task: Recognition of proper nouns", "material: Japanese text"])
    }

    func testSOFCOffsetsIntoTheArticleText() throws {
        let sentence = try load("SOFC").sentences[0]   // PMC6164086, sentence 2
        XCTAssertEqual(sentence.tokens.count, 87)
        XCTAssertEqual(mentions(sentence).prefix(2), ["material: La0.1Sr0.9MnO3 − δ", "material: LSM"])
        XCTAssertFalse(sentence.entities.contains { $0.type == "experiment" })
    }

    func testColumnVariants() throws {
        // WikiNEuRal: index, token, tag; MISC is read but not asked.
        XCTAssertTrue(try load("WikiNeural").sentences[0].text.hasPrefix("On this occasion he failed to gain the support of the South"))
        // StackOverflow: token, tag, token, markdown tag; Code_Block is not asked.
        let stack = try load("StackOverflow-NER")
        XCTAssertEqual(stack.sentences[0].text, "Question_ID : 13968390")
        XCTAssertFalse(stack.sentences.flatMap(\.entities).contains { $0.type == "code block" })
        // WLP: one file per protocol, in natural order.
        XCTAssertEqual(try load("WLP").sentences[0].text.hasPrefix("Radioactive Labeling with T4 PNK"), true)
    }

    func testGLiNERSpansOffWordBoundariesAreKeptWithoutTokenIndices() throws {
        // mit-movie test.json item 572: "r" typed rating at [8, 9), inside "rated" (one of 95 such spans).
        let sentence = try load("mit-movie").sentences[572]
        let rating = try XCTUnwrap(sentence.entities.first { $0.type == "rating" })
        XCTAssertEqual(rating.text, "r")
        XCTAssertNil(rating.tokenStart)
    }
}
