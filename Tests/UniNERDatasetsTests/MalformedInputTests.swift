import Foundation
import UniNERCore
import UniNERDatasets
import XCTest

final class MalformedInputTests: XCTestCase {
    /// (format, file name, contents, expected line, words the message contains)
    static let cases: [(any DatasetFormat, String, String, Int?, String)] = [
        (ColumnFormat(), "a.txt", "EU B-ORG\nrejects O\nGerman\n", 3, "expected a token and a tag"),
        (ColumnFormat(), "b.txt", "EU B-ORG\n\nrejects X-MISC\n", 3, "unknown tag 'X-MISC'"),
        (ColumnFormat(separator: .tab, tokenColumn: 1, tagColumn: 2), "c.conllu", "0\tOn\tO\n1\tthis\n", 2, "found 2 columns"),
        (CSVTokenFormat(), "d.csv", "Nuveen,I-BUSINESS\n\"1,000,O\n", 2, "unterminated quoted field"),
        (CSVTokenFormat(), "e.csv", "Nuveen,I-BUSINESS\nFund\n", 2, "found 1 field"),
        (FiNERORDFormat(), "f.csv", "gold_label,gold_token,doc_idx,sent_idx\n0,Have,0,0\n9,you,0,0\n", 3, "label in 0...6"),
        (SciERCFormat(), "g.json", "{\"doc_key\": \"x\", \"sentences\": [[\"a\", \"b\"]], \"ner\": [[[0, 5, \"Task\"]]]}\n", 1, "outside the sentence"),
        (TASTEsetFormat(), "h.csv", "ingredients,ingredients_entities\n\"2 eggs\",\"[{\"\"start\"\": 0, \"\"end\"\": 9, \"\"type\"\": \"\"QUANTITY\"\"}]\"\n", 2, "outside the text"),
        (GLiNERJSONFormat(), "i.json", "[{\"sentence\": \"a bar\", \"entities\": [{\"name\": \"bar\", \"type\": \"Amenity\", \"pos\": [1, 5]}]}]", nil, "span reads ' bar'"),
    ]

    func testMalformedLinesRaiseDataErrorsWithFileAndLine() throws {
        for (format, name, contents, line, words) in Self.cases {
            let url = try temporaryFile(contents, name: name)
            XCTAssertThrowsError(try format.read(url), name) { error in
                guard let error = error as? DataError else { return XCTFail("\(name): \(error) is not a DataError") }
                XCTAssertEqual(error.file, url.path, name)
                XCTAssertEqual(error.line, line, name)
                XCTAssertTrue(error.message.contains(words), "\(name): \(error.message)")
                let place = line.map { "\(url.path):\($0): error:" } ?? "\(url.path): error:"
                XCTAssertTrue(error.localizedDescription.hasPrefix(place), error.localizedDescription)
            }
        }
    }

    func testUnknownDatasetsAndSplitsNameTheValidOnes() throws {
        let provider = try BenchmarkData.provider()
        XCTAssertThrowsError(try provider.load(dataset: "CrossNER_ai2", split: "test")) { error in
            XCTAssertTrue((error as? UniNERError)?.help?.contains("did you mean 'CrossNER_AI'") == true, "\(error)")
        }
        XCTAssertThrowsError(try provider.load(dataset: "mit-movie", split: "dev")) { error in
            XCTAssertTrue((error as? UniNERError)?.help?.contains("test, train") == true, "\(error)")
        }
    }
}

/// An empty dataset file is an error naming it, not a split of 0 sentences that trains or scores on nothing.
final class EmptyDatasetFileTests: XCTestCase {
    func testAnEmptyFileOfABenchmarkDatasetIsAnErrorNamingIt() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-empty-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        let entry = try XCTUnwrap(BenchmarkRegistry.dataset(named: "ncbi"))
        let layout = try XCTUnwrap(entry.layout)
        for split in layout.splits {
            for path in split.paths {
                let url = root.appendingPathComponent(entry.name).appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                XCTAssertTrue(FileManager.default.createFile(atPath: url.path, contents: Data()))
            }
        }
        let datasets = BenchmarkDatasets(root: root)
        XCTAssertThrowsError(try datasets.load(dataset: entry.name, split: "test")) { error in
            let text = (error as? LocalizedError)?.errorDescription ?? "\(error)"
            XCTAssertTrue(text.contains(root.path) && text.contains("no sentence could be read from this file"), text)
        }
    }
}
