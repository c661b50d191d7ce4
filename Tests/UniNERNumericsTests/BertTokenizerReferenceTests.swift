import Foundation
import XCTest
import UniNERTokenizer

/// The reference written by `scripts/reference/make_minilm_reference.py`: encodings of the `tokenizers`
/// fast tokenizer and PyTorch last hidden states of all-MiniLM-L6-v2.
struct MiniLMPyTorchReference: Decodable {
    struct Encoded: Decodable {
        let ids: [Int]
        let tokens: [String]
        let offsets: [[Int]]
        let type_ids: [Int]
        let attention_mask: [Int]
        let special_tokens_mask: [Int]
        let word_ids: [Int?]
        let sequence_ids: [Int?]
        let text: String?
        let pair: String?
        let words: [String]?
        let max_length: Int?
        let decoded: String?
        let hidden_size: Int?
        let last_hidden_state: [[Float]]?
    }

    let sentences: [Encoded]
    let pair: Encoded
    let pretokenized: Encoded
    let truncations: [Encoded]

    static func load() throws -> MiniLMPyTorchReference {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "minilm_pytorch_reference", withExtension: "json",
                                                  subdirectory: "Fixtures"))
        return try JSONDecoder().decode(MiniLMPyTorchReference.self, from: Data(contentsOf: url))
    }
}

/// Asserts that an encoding equals the reference token for token.
func assertEncoding(_ encoding: Encoding, equals reference: MiniLMPyTorchReference.Encoded, _ what: String,
                    file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(encoding.tokens, reference.tokens, "\(what): tokens", file: file, line: line)
    XCTAssertEqual(encoding.ids, reference.ids, "\(what): ids", file: file, line: line)
    XCTAssertEqual(encoding.offsets.map { [$0.lowerBound, $0.upperBound] }, reference.offsets, "\(what): offsets",
                   file: file, line: line)
    XCTAssertEqual(encoding.typeIDs, reference.type_ids, "\(what): type ids", file: file, line: line)
    XCTAssertEqual(encoding.attentionMask, reference.attention_mask, "\(what): attention mask", file: file, line: line)
    XCTAssertEqual(encoding.specialTokensMask.map { $0 ? 1 : 0 }, reference.special_tokens_mask,
                   "\(what): special tokens mask", file: file, line: line)
    XCTAssertEqual(encoding.wordIDs, reference.word_ids, "\(what): word ids", file: file, line: line)
    XCTAssertEqual(encoding.sequenceIDs, reference.sequence_ids, "\(what): sequence ids", file: file, line: line)
}

final class BertTokenizerReferenceTests: XCTestCase {
    func testSentencesMatchTheFastTokenizer() throws {
        let tokenizer = try BertTokenizer(folder: modelFolder())
        let reference = try MiniLMPyTorchReference.load()
        XCTAssertEqual(reference.sentences.count, 5)
        for sentence in reference.sentences {
            let text = try XCTUnwrap(sentence.text)
            let encoding = try tokenizer.encode(text)
            assertEncoding(encoding, equals: sentence, text)
            XCTAssertEqual(tokenizer.decode(encoding.ids), sentence.decoded, "decode: \(text)")
        }
    }

    func testPairMatchesTheFastTokenizer() throws {
        let tokenizer = try BertTokenizer(folder: modelFolder())
        let pair = try MiniLMPyTorchReference.load().pair
        let encoding = try tokenizer.encode(XCTUnwrap(pair.text), pair: XCTUnwrap(pair.pair))
        assertEncoding(encoding, equals: pair, "pair")
    }

    func testPretokenisedWordsMatchTheFastTokenizer() throws {
        let tokenizer = try BertTokenizer(folder: modelFolder())
        let reference = try MiniLMPyTorchReference.load().pretokenized
        let words = try XCTUnwrap(reference.words)
        let encoding = try tokenizer.encode(words: words)
        assertEncoding(encoding, equals: reference, "words")
        // Each word's token range holds exactly the tokens whose word id is that word.
        XCTAssertEqual(encoding.wordTokenRanges.count, words.count)
        for (word, range) in encoding.wordTokenRanges.enumerated() {
            let expected = reference.word_ids.indices.filter { reference.word_ids[$0] == word }
            XCTAssertEqual(Array(range), expected, "word \(word) \(words[word].debugDescription)")
        }
        // "", a zero-width space and blanks give no token; their ranges sit between their neighbours.
        XCTAssertEqual(encoding.wordTokenRanges[3], 4..<4)
        XCTAssertNil(encoding.tokenBounds(ofWord: 6))
        XCTAssertEqual(encoding.tokenBounds(ofWord: 4)?.first, 4)
        XCTAssertEqual(encoding.tokenBounds(ofWord: 4)?.last, 7)
    }

    func testLongestFirstTruncationMatchesTheFastTokenizer() throws {
        let tokenizer = try BertTokenizer(folder: modelFolder())
        for reference in try MiniLMPyTorchReference.load().truncations {
            let text = try XCTUnwrap(reference.text)
            let maxLength = try XCTUnwrap(reference.max_length)
            let encoding = try reference.pair.map { try tokenizer.encode(text, pair: $0, maxLength: maxLength) }
                ?? tokenizer.encode(text, maxLength: maxLength)
            assertEncoding(encoding, equals: reference, "\(text) / \(reference.pair ?? "-") max \(maxLength)")
            let full = try reference.pair.map { try tokenizer.encode(text, pair: $0) } ?? tokenizer.encode(text)
            XCTAssertEqual(encoding.overflowingTokenCount, full.count - encoding.count)
        }
    }

    /// Without tokenizer.json the tokenizer falls back to vocab.txt and tokenizer_config.json, same output.
    func testVocabTxtFallbackEncodesLikeTokenizerJSON() throws {
        let source = try modelFolder()
        let folder = try temporaryFolder(self)
        for name in ["vocab.txt", "tokenizer_config.json"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name),
                                             to: folder.appendingPathComponent(name))
        }
        let tokenizer = try BertTokenizer(folder: folder)
        XCTAssertEqual(tokenizer.modelMaxLength, 512)
        let reference = try MiniLMPyTorchReference.load()
        for sentence in reference.sentences {
            assertEncoding(try tokenizer.encode(XCTUnwrap(sentence.text)), equals: sentence, "vocab.txt")
        }
        assertEncoding(try tokenizer.encode(words: XCTUnwrap(reference.pretokenized.words)),
                       equals: reference.pretokenized, "vocab.txt words")
    }

    func testSpecialTokenIDsOfMiniLM() throws {
        let tokenizer = try BertTokenizer(folder: modelFolder())
        XCTAssertEqual([tokenizer.padID, tokenizer.unkID, tokenizer.clsID, tokenizer.sepID], [0, 100, 101, 102])
        XCTAssertEqual(tokenizer.maskID, 103)
        XCTAssertEqual(tokenizer.tokenID("[unused1]"), 2)
        XCTAssertEqual(tokenizer.token(forID: 2), "[unused1]")
        XCTAssertEqual(tokenizer.vocabularySize, 30522)
        XCTAssertNil(tokenizer.tokenID("not-a-token"))
    }
}
