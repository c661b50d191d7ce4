import Foundation
import UniNERCore
import UniNERDatasets
import XCTest

/// Reader crashes of the fuzz work, minimised: each input must now be a located DataError. The SciERC ones were
/// found by `scripts/fuzz.sh`; the SOFC one, the same overflow class, by reading the readers for siblings.
final class FuzzRegressionTests: XCTestCase {
    /// (format, file name, contents, expected line, words the message contains)
    static let cases: [(any DatasetFormat, String, String, Int?, String)] = [
        // `last - offset + 1` overflowed (Swift traps) for a word index of Int.max.
        (SciERCFormat(), "max.json", "{\"sentences\": [[\"a\"]], \"ner\": [[[0, 9223372036854775807, \"Task\"]]]}\n", 1,
         "lie outside the sentence"),
        // `first - offset` overflowed for Int.min in a sentence after the first.
        (SciERCFormat(), "min.json",
         "{\"sentences\": [[\"a\"], [\"b\"]], \"ner\": [[], [[-9223372036854775808, 1, \"Task\"]]]}\n", 1,
         "lie outside the sentence"),
    ]

    func testFuzzFoundInputsRaiseDataErrors() throws {
        for (format, name, contents, line, words) in Self.cases {
            let url = try temporaryFile(contents, name: name)
            XCTAssertThrowsError(try format.read(url), name) { error in
                guard let error = error as? DataError else { return XCTFail("\(name): \(error) is not a DataError") }
                XCTAssertEqual(error.file, url.path, name)
                XCTAssertEqual(error.line, line, name)
                XCTAssertTrue(error.message.contains(words), "\(name): \(error.message)")
            }
        }
    }

    /// `sentenceBegin + end` overflowed (a trap) for a token end offset of Int.max in a sentence not at offset 0.
    func testSOFCTokenOffsetNearIntMaxIsADataError() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sofc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            "texts/P.txt": "Cells ran. At 800 C.",
            "annotations/sentences/P.csv": "1\t1\t0\t10\n2\t1\t11\t20\n",
            "annotations/entity_types_and_slots/P.csv": "1\t1\t0\t5\tO\tO\n2\t1\t0\t9223372036854775807\tB-value\tO\n",
        ]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        XCTAssertThrowsError(try SOFCFormat().read(root)) { error in
            guard let error = error as? DataError else { return XCTFail("\(error) is not a DataError") }
            XCTAssertEqual(error.file, root.appendingPathComponent("annotations/entity_types_and_slots/P.csv").path)
            XCTAssertEqual(error.line, 2)
            XCTAssertTrue(error.message.contains("lie outside sentence 2"), error.message)
        }
    }
}
