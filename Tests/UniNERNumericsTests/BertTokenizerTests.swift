import Foundation
import XCTest
import UniNERTokenizer

final class BertTokenizerTests: XCTestCase {
    // MARK: - Basic tokenizer (normalizer + pre-tokenizer), table-driven

    typealias Case = (input: String, words: [String], offsets: [Range<Int>])

    private func check(_ cases: [Case], options: BasicTokenizer.Options = .init(),
                       file: StaticString = #filePath, line: UInt = #line) {
        let basic = BasicTokenizer(options: options)
        for entry in cases {
            let words = basic.split(entry.input)
            XCTAssertEqual(words.map(\.text), entry.words, entry.input.debugDescription, file: file, line: line)
            XCTAssertEqual(words.map(\.offsets), entry.offsets, entry.input.debugDescription, file: file, line: line)
        }
    }

    func testBasicTokenizerUncased() {
        check([
            ("", [], []),
            (" \t\n\r\u{3000} ", [], []),
            ("\u{0}\u{7}\u{FFFD}\u{200B}", [], []),
            ("Héllo, World!", ["hello", ",", "world", "!"], [0..<5, 5..<6, 7..<12, 12..<13]),
            ("cafe\u{301} naïve", ["cafe", "naive"], [0..<4, 6..<11]),
            ("İSTANBUL Straße", ["istanbul", "straße"], [0..<8, 9..<15]),
            ("a\u{200B}b\u{7}c", ["abc"], [0..<5]),
            ("我爱NLP的", ["我", "爱", "nlp", "的"], [0..<1, 1..<2, 2..<5, 5..<6]),
            ("$5+3=8", ["$", "5", "+", "3", "=", "8"], [0..<1, 1..<2, 2..<3, 3..<4, 4..<5, 5..<6]),
            ("a—b“c”…", ["a", "—", "b", "“", "c", "”", "…"], [0..<1, 1..<2, 2..<3, 3..<4, 4..<5, 5..<6, 6..<7]),
            ("don't U.S.A.", ["don", "'", "t", "u", ".", "s", ".", "a", "."],
             [0..<3, 3..<4, 4..<5, 6..<7, 7..<8, 8..<9, 9..<10, 10..<11, 11..<12]),
            ("x\u{A0}y\u{2028}z", ["x", "y", "z"], [0..<1, 2..<3, 4..<5]),
            ("🙂 ok", ["🙂", "ok"], [0..<1, 2..<4]),
            ("한", ["\u{1112}\u{1161}\u{11AB}"], [0..<1]),
            // Classes of the library's Unicode tables, not Swift's: U+2E43 (punctuation since Unicode 10) is a
            // letter there, U+166D (now a symbol) punctuation, U+1734 (now a spacing mark) a nonspacing mark.
            ("a\u{2E43}b\u{166D}c\u{1734}d", ["a\u{2E43}b", "\u{166D}", "cd"], [0..<3, 3..<4, 4..<7]),
        ])
    }

    func testBasicTokenizerCasedAndAccentFlags() {
        check([("Héllo ÉCOLE", ["Héllo", "ÉCOLE"], [0..<5, 6..<11])],
              options: .init(lowercase: false))
        check([("Héllo ÉCOLE", ["Hello", "ECOLE"], [0..<5, 6..<11])],
              options: .init(lowercase: false, stripAccents: true))
        check([("Héllo ÉCOLE", ["héllo", "école"], [0..<5, 6..<11])],
              options: .init(lowercase: true, stripAccents: false))
        check([("a\u{7}b 我爱", ["a\u{7}b", "我爱"], [0..<3, 4..<6])],
              options: .init(cleanText: false, handleChineseChars: false, lowercase: false))
    }

    // MARK: - WordPiece on an in-memory vocabulary

    private let vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "[unused1]", "un", "##aff", "##able",
                              "aff", "able", "runn", "##ing", ",", ".", "the", "'", "t", "don", "##s"]

    private func tinyTokenizer(maxInputCharsPerWord: Int = 100) throws -> BertTokenizer {
        let map = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        return try BertTokenizer(vocabulary: map, maxInputCharsPerWord: maxInputCharsPerWord)
    }

    func testGreedyLongestMatchWithContinuations() throws {
        let tokenizer = try tinyTokenizer(maxInputCharsPerWord: 12)
        let encoding = try tokenizer.encode("Unaffable running, UNRUNNABLE unaffableable.")
        XCTAssertEqual(encoding.tokens, ["[CLS]", "un", "##aff", "##able", "runn", "##ing", ",", "[UNK]", "[UNK]", ".",
                                         "[SEP]"])
        // A word with an unmatched part, or longer than the limit (13 > 12), is one [UNK] over the whole word.
        XCTAssertEqual(encoding.offsets, [0..<0, 0..<2, 2..<5, 5..<9, 10..<14, 14..<17, 17..<18, 19..<29,
                                          30..<43, 43..<44, 0..<0])
        XCTAssertEqual(encoding.wordIDs, [nil, 0, 0, 0, 1, 1, 2, 3, 4, 5, nil])
        XCTAssertEqual(tokenizer.decode(encoding.ids), "unaffable running,.")
        XCTAssertEqual(tokenizer.decode(encoding.ids, skipSpecialTokens: false),
                       "[CLS] unaffable running, [UNK] [UNK]. [SEP]")
    }

    func testEmptyAndBlankTextGiveOnlySpecialTokens() throws {
        let tokenizer = try tinyTokenizer()
        for text in ["", "   \n\t", "\u{0}\u{200B}"] {
            let encoding = try tokenizer.encode(text)
            XCTAssertEqual(encoding.ids, [tokenizer.clsID, tokenizer.sepID], text.debugDescription)
            XCTAssertEqual(try tokenizer.encode(text, addSpecialTokens: false).count, 0)
        }
    }

    func testLiteralSpecialTokensInTheTextAreKept() throws {
        let tokenizer = try tinyTokenizer()
        let encoding = try tokenizer.encode("the[SEP] [MASK]able")
        XCTAssertEqual(encoding.tokens, ["[CLS]", "the", "[SEP]", "[MASK]", "able", "[SEP]"])
        XCTAssertEqual(encoding.offsets, [0..<0, 0..<3, 3..<8, 9..<15, 15..<19, 0..<0])
        XCTAssertEqual(encoding.specialTokensMask, [true, false, false, false, false, true])
        XCTAssertEqual(tokenizer.decode(encoding.ids), "the able")
    }

    func testSpecialIDsAndMarkerLookup() throws {
        let tokenizer = try tinyTokenizer()
        XCTAssertEqual([tokenizer.padID, tokenizer.unkID, tokenizer.clsID, tokenizer.sepID, tokenizer.maskID],
                       [0, 1, 2, 3, 4])
        XCTAssertEqual(tokenizer.tokenID("[unused1]"), 5)
        XCTAssertNil(tokenizer.tokenID("[unused2]"))
        XCTAssertNil(tokenizer.token(forID: 999))
    }

    func testPairTypeIDsAndTruncation() throws {
        let tokenizer = try tinyTokenizer()
        let encoding = try tokenizer.encode("the", pair: "running , able")
        XCTAssertEqual(encoding.tokens, ["[CLS]", "the", "[SEP]", "runn", "##ing", ",", "able", "[SEP]"])
        XCTAssertEqual(encoding.typeIDs, [0, 0, 0, 1, 1, 1, 1, 1])
        XCTAssertEqual(encoding.sequenceIDs, [nil, 0, nil, 1, 1, 1, 1, nil])
        // 8 tokens into 6: the longer (pair) sequence loses 2.
        let cut = try tokenizer.encode("the", pair: "running , able", maxLength: 6)
        XCTAssertEqual(cut.tokens, ["[CLS]", "the", "[SEP]", "runn", "##ing", "[SEP]"])
        XCTAssertEqual(cut.overflowingTokenCount, 2)
        XCTAssertThrowsError(try tokenizer.encode("the", pair: "able", maxLength: 2)) { error in
            XCTAssertEqual(error as? BertTokenizerError, .maxLengthTooSmall(maxLength: 2, specialTokens: 3))
        }
    }

    func testWordsKeepTheirTokenRangesThroughTruncation() throws {
        let tokenizer = try tinyTokenizer()
        let words = ["Unaffable", "", "runnx", " ", "the"]
        let full = try tokenizer.encode(words: words)
        XCTAssertEqual(full.tokens, ["[CLS]", "un", "##aff", "##able", "[UNK]", "the", "[SEP]"])
        XCTAssertEqual(full.wordTokenRanges, [1..<4, 4..<4, 4..<5, 5..<5, 5..<6])
        XCTAssertEqual(full.offsets[1...4], [0..<2, 2..<5, 5..<9, 0..<5])
        XCTAssertNil(full.tokenBounds(ofWord: 1))
        XCTAssertEqual(full.tokenBounds(ofWord: 0)?.last, 3)

        let cut = try tokenizer.encode(words: words, maxLength: 5)
        XCTAssertEqual(cut.tokens, ["[CLS]", "un", "##aff", "##able", "[SEP]"])
        XCTAssertEqual(cut.wordTokenRanges, [1..<4, 4..<4, 4..<4, 4..<4, 4..<4])
        XCTAssertEqual(cut.overflowingTokenCount, 2)

        let pair = try tokenizer.encode(words: ["the"], pairWords: ["able", "", "don't"])
        XCTAssertEqual(pair.tokens, ["[CLS]", "the", "[SEP]", "able", "don", "'", "t", "[SEP]"])
        XCTAssertEqual(pair.pairWordTokenRanges, [3..<4, 4..<4, 4..<7])
        XCTAssertEqual(pair.wordIDs, [nil, 0, nil, 0, 2, 2, 2, nil])
    }

    func testPaddingABatch() throws {
        let tokenizer = try tinyTokenizer()
        let batch = tokenizer.padBatch([try tokenizer.encode("the"), try tokenizer.encode("unaffable running")])
        XCTAssertEqual(batch.map(\.count), [7, 7])
        XCTAssertEqual(batch[0].ids, [2, 15, 3, 0, 0, 0, 0])
        XCTAssertEqual(batch[0].attentionMask, [1, 1, 1, 0, 0, 0, 0])
        XCTAssertEqual(batch[1].attentionMask, Array(repeating: 1, count: 7))
    }

    // MARK: - Errors

    func testConstructionErrors() throws {
        XCTAssertThrowsError(try BertTokenizer(vocabulary: ["[CLS]": 0, "[SEP]": 1, "[PAD]": 2])) { error in
            XCTAssertEqual(error as? BertTokenizerError, .missingSpecialToken(role: "UNK", token: "[UNK]"))
        }
        XCTAssertThrowsError(try BertTokenizer(vocabulary: ["[CLS]": 0, "[SEP]": 0, "[PAD]": 2, "[UNK]": 3])) { error in
            guard case .invalidVocabulary = error as? BertTokenizerError else { return XCTFail("\(error)") }
        }
    }

    func testFolderErrorsNameTheFileAndKey() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-tok-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertThrowsError(try BertTokenizer(folder: folder)) { error in
            XCTAssertEqual(error as? BertTokenizerError, .missingTokenizerFiles(folder: folder.path))
            XCTAssertTrue(error.localizedDescription.contains("scripts/setup.sh"))
        }
        let file = folder.appendingPathComponent("tokenizer.json")
        try Data(#"{"model": {"type": "BPE", "vocab": {}}}"#.utf8).write(to: file)
        XCTAssertThrowsError(try BertTokenizer(folder: folder)) { error in
            XCTAssertEqual(error as? BertTokenizerError, .unsupportedComponent(
                path: file.path, keyPath: "model.type", found: "BPE", supported: ["WordPiece"]))
        }
        try Data(#"{"model": {"type": "WordPiece", "vocab": {"a": "x"}}}"#.utf8).write(to: file)
        XCTAssertThrowsError(try BertTokenizer(folder: folder)) { error in
            XCTAssertEqual(error as? BertTokenizerError, .invalidFile(
                path: file.path, keyPath: "model.vocab.a", reason: "id is not an integer"))
        }
        try Data("{not json".utf8).write(to: file)
        XCTAssertThrowsError(try BertTokenizer(folder: folder)) { error in
            guard case .invalidFile(let path, _, _) = error as? BertTokenizerError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, file.path)
        }
    }
}
