import Foundation
import UniNERDatasets
import XCTest

final class LabelMapTests: XCTestCase {
    func testPresetsGiveNaturalLanguage() {
        let cases: [(LabelMap, String, String)] = [
            (.conll, "PER", "person"), (.conll, "ORG", "organization"), (.conll, "LOC", "location"), (.conll, "MISC", "else"),
            (.crossNER, "organisation", "organization"), (.crossNER, "programlang", "program language"),
            (.crossNER, "musicalartist", "musical artist"), (.crossNER, "misc", "else"), (.crossNER, "researcher", "researcher"),
            (.gliner, "organisation", "organization"), (.gliner, "Restaurant Name", "Restaurant Name"),
            (LabelMap(fallback: .naturalize), "Library_Class", "library class"),
            (LabelMap(fallback: .naturalize), "creative-work", "creative work"),
            (SciERCFormat.defaultLabels, "OtherScientificTerm", "other scientific term"),
        ]
        for (map, source, natural) in cases { XCTAssertEqual(map(source), natural, source) }
    }

    func testRegistryLabelSetsAgreeWithTheLabelFilesAndOfficialQueries() throws {
        let root = try BenchmarkData.requireRoot()
        let provider = BenchmarkDatasets(root: root)
        for name in provider.availableDatasets() {
            let labels = try XCTUnwrap(BenchmarkRegistry.dataset(named: name)?.labels, name)
            let file = root.appendingPathComponent("\(name)/labels.json")
            if let data = try? Data(contentsOf: file) {
                let listed = try JSONDecoder().decode([String].self, from: data)
                XCTAssertEqual(Set(labels), Set(listed).subtracting(["else"]), "\(name)/labels.json (else is not asked)")
            }
            let official = root.appendingPathComponent("\(name)/\(name).json")
            if FileManager.default.fileExists(atPath: official.path) {
                // The official file's label order (that of its first sentence) is ours.
                XCTAssertEqual(try ConversationFormat().readWithReport(official).labels, labels, name)
            } else if let data = try? Data(contentsOf: file) {
                // Without an official file, labels.json gives the order.
                XCTAssertEqual(labels, try JSONDecoder().decode([String].self, from: data).filter { $0 != "else" }, name)
            }
        }
        // HarveyNER's labels.txt lists BIO tags.
        let tags = try String(contentsOf: root.appendingPathComponent("HarveyNER/labels.txt"), encoding: .utf8)
        let harvey = Set(tags.split(whereSeparator: \.isNewline).filter { $0 != "O" }.map { $0.dropFirst(2).lowercased() })
        XCTAssertEqual(harvey, Set(try XCTUnwrap(BenchmarkRegistry.dataset(named: "HarveyNER")?.labels)))
    }

    func testRegistryCoversTable6() {
        let table = BenchmarkRegistry.all.filter(\.inPaperTable)
        XCTAssertEqual(table.count, 49, "Tab. 6 has 49 rows (the text says 43 datasets)")
        XCTAssertEqual(Set(table.map(\.domain)), Set(BenchmarkRegistry.domains))
        // Column sums of Tab. 6 (paper.txt), a check on the transcription.
        XCTAssertEqual(table.reduce(0) { $0 + ($1.paperSizes?.train ?? 0) }, 1_555_511)
        XCTAssertEqual(table.reduce(0) { $0 + ($1.paperSizes?.dev ?? 0) }, 259_579)
        XCTAssertEqual(table.reduce(0) { $0 + ($1.paperSizes?.test ?? 0) }, 450_625)
        XCTAssertEqual(BenchmarkRegistry.dataset(named: "crossner_ai")?.paperSizes, .init(100, 350, 431))
        XCTAssertEqual(Set(BenchmarkRegistry.all.map(\.name)).count, BenchmarkRegistry.all.count, "unique names")
        for entry in BenchmarkRegistry.all where entry.layout != nil {
            XCTAssertNotNil(entry.labels, entry.name)
        }
    }
}
