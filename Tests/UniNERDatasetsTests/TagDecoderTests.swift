import Foundation
import UniNERDatasets
import XCTest

final class TagDecoderTests: XCTestCase {
    /// (tags, expected "type:start-end" spans) for IOB1 and IOB2 alike.
    static let table: [([String], [String])] = [
        (["I-X", "I-X", "B-X", "O", "I-Y"], ["X:0-2", "X:2-3", "Y:4-5"]),          // IOB1: B- splits same-type neighbours
        (["B-X", "I-X", "I-Y", "I-Y"], ["X:0-2", "Y:2-4"]),                         // type change starts an entity
        (["O", "I-creative-work", "I-creative-work"], ["creative-work:1-3"]),      // hyphens in the type survive
        (["B-A", "B-A", "O", "O"], ["A:0-1", "A:1-2"]),
        (["O", "O"], []),
        (["B-LOC", "I-LOC"], ["LOC:0-2"]),                                          // flushed at the sentence end
    ]

    func testDecodesIOB1AndIOB2() throws {
        for (tags, expected) in Self.table {
            let lines = tags.enumerated().map { "w\($0.offset)\t\($0.element)" }.joined(separator: "\n")
            let sentences = try ColumnFormat(separator: .tab).read(try temporaryFile(lines))
            XCTAssertEqual(sentences.first?.entities.map { "\($0.type):\($0.tokenStart!)-\($0.tokenEnd!)" }, expected, "\(tags)")
        }
    }

    func testDropFinalEntityReproducesTheOfficialConversion() throws {
        let file = try temporaryFile("a\tB-X\nb\tO\nc\tB-Y\nd\tI-Y")
        let sentence = try XCTUnwrap(ColumnFormat(separator: .tab, decoder: TagDecoder(dropFinalEntity: true)).read(file).first)
        XCTAssertEqual(sentence.entities.map(\.text), ["a"])
    }

    func testENERIsReadAsIOB1() throws {
        let sentences = try CSVTokenFormat(labelMap: LabelMap(fallback: .naturalize), decoder: TagDecoder(unknownTags: .outside))
            .read(BenchmarkData.url("E-NER/all.csv"))
        XCTAssertEqual(sentences.count, 11644)
        // all.csv:10934-10936 "Pratt I-LOCATION / County I-LOCATION / Kansas B-LOCATION": two locations.
        let pratt = try XCTUnwrap(sentences.first { $0.text.contains("Pratt County Kansas") })
        XCTAssertEqual(pratt.entities.filter { $0.type == "location" }.map(\.text).prefix(2), ["Pratt County", "Kansas"])
        // all.csv:23719-23722: "CHASE ISSUANCE TRUST/" then B-BUSINESS "FIRST USA CREDIT CARD ...".
        let chase = try XCTUnwrap(sentences.first { $0.text.hasPrefix("CHASE ISSUANCE TRUST/ FIRST USA") })
        XCTAssertEqual(chase.entities.first?.text, "CHASE ISSUANCE TRUST/")
        XCTAssertTrue(chase.entities.dropFirst().first?.text.hasPrefix("FIRST USA CREDIT CARD") == true)
        XCTAssertEqual(Set(sentences.flatMap(\.entities).map(\.type)),
                       ["business", "court", "government", "legislation/act", "location", "miscellaneous", "person", "loc"])
    }
}

/// A file with `contents` in a fresh temporary folder.
func temporaryFile(_ contents: String, name: String = "data.txt") throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-datasets-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try contents.write(to: url, atomically: true, encoding: .utf8)
    return url
}
