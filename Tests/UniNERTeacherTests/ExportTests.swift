import Foundation
import Testing
import UniNERCore
import UniNERAnnotators
import UniNERPrompting
import UniNERSampling

@Suite struct ExportTests {
    @Test func readerAndWriterRoundTripBytes() throws {
        let plain = try ReplayFixtures.data("pile-ner-interleaved.json")
        let indented = try ReplayFixtures.data("pile-ner-interleaved-indent2.json")
        let records = try PileNERFormat.decode(plain, file: "pile-ner-interleaved.json")
        #expect(records.count == 2 && records[0].conversations.count == 12)
        #expect(PileNERFormat.encode(records) == plain)
        #expect(try PileNERFormat.decode(indented, file: "indent2") == records)
        #expect(PileNERFormat.encode(records, indent: 2) == indented)
        #expect(PileNERFormat.encode([]) == Data("[]".utf8))
    }

    /// The authors' own evaluation files (`src/eval/test_data/*.json`, written by `json.dump`) come back byte for
    /// byte: the same writer as the released `train.json`.
    @Test(.enabled(if: ReplayFixtures.benchmark != nil, "needs the benchmark folder (UNINER_DATA)"),
          arguments: ["CrossNER_AI", "CrossNER_literature", "CrossNER_music", "CrossNER_politics", "CrossNER_science",
                      "mit-restaurant"])
    func officialFilesRoundTripByteForByte(dataset: String) throws {
        let url = try #require(ReplayFixtures.benchmark).appendingPathComponent("\(dataset)/\(dataset).json")
        let original = try Data(contentsOf: url)
        let records = try PileNERFormat.read(url)
        #expect(records.count > 1000)
        #expect(PileNERFormat.encode(records) == original)
    }

    @Test func writeThenReadAndMalformedInput() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).json")
        let records = [Conversation(id: "ner_0", conversations: [.init(from: "human", value: "Text: \u{e9}")])]
        try PileNERFormat.write(records, to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == #"[{"id": "ner_0", "conversations": [{"from": "human", "value": "Text: \u00e9"}]}]"#)
        #expect(try PileNERFormat.read(file) == records)
        #expect(throws: DataError.self) { try PileNERFormat.decode(Data(#"[{"id": "x"}]"#.utf8), file: "bad.json") }
        #expect(throws: DataError.self) { try PileNERFormat.decode(Data("{".utf8), file: "bad.json") }
    }

    @Test func statisticsCountPassagesMentionsTypesAndNegatives() async throws {
        let annotator = ReplayAnnotator(options: .init(path: ReplayFixtures.url("pile-ner-canonical.json").path))
        let annotated = try await annotator.annotate([], style: TypePromptStyle(), context: ReplayFixtures.context()).passages
        let template = PerTypeTemplate()
        var generator = SeededRandom(seed: 13)
        let examples = annotated.map { template.example(for: $0, negatives: ["event"], datasetField: false, using: &generator) }
        let statistics = InstructionStatistics(annotated: annotated, examples: examples)
        #expect(statistics.passages == 4 && statistics.mentions == 11 && statistics.distinctTypes == 9)
        #expect(statistics.questions == 20 && statistics.negativeQuestions == 11 && statistics.negativesAdded == 4)
        #expect(statistics.bands.map(\.types) == [1, 0, 8])
        #expect(statistics.bands[0].examples == ["location"])
        #expect(statistics.markdown().contains("| top 1% | 1 | 18.2% | location |"))
        #expect(statistics.report["negatives added"] == 4)
    }

    /// 200 types with counts 200, 199, ..., 1: the top 1% is 2 types, the top 10% is 20 (as 130 and 1,302 of the
    /// paper's 13,020).
    @Test func frequencyBandsSplitAtOneAndTenPercent() {
        let frequencies = TypeFrequencies(Dictionary(uniqueKeysWithValues: (0..<200).map { ("type\($0)", 200 - $0) }))
        let bands = InstructionStatistics.bands(frequencies)
        #expect(bands.map(\.name) == ["top 1%", "1%-10%", "10%-100%"])
        #expect(bands.map(\.types) == [2, 18, 180])
        #expect(bands.map(\.mentions) == [399, 3411, 16290])
        #expect(abs(bands[0].share - 399.0 / 20100) < 1e-12)
        #expect(bands[0].examples == ["type0", "type1"])
    }

    /// The pieces run end to end: replay → frequency negatives → per-type template → export → read back.
    @Test func pipelineExportReadsBack() async throws {
        let annotator = ReplayAnnotator(options: .init(path: ReplayFixtures.url("pile-ner-canonical.json").path))
        let annotated = try await annotator.annotate([], style: TypePromptStyle(), context: ReplayFixtures.context()).passages
        let frequencies = TypeFrequencies(annotated)
        let sampler = FrequencyNegativeSampler(perPassage: 2)
        let template = PerTypeTemplate()
        var generator = SeededRandom(seed: 13, stream: "queries")
        let conversations = annotated.map { passage in
            let negatives = sampler.negatives(for: passage, frequencies: frequencies, using: &generator)
            #expect(Set(negatives).isDisjoint(with: passage.presentTypes))
            return template.conversation(for: template.example(for: passage, negatives: negatives, datasetField: false,
                                                               using: &generator))
        }
        let back = try PileNERFormat.decode(PileNERFormat.encode(conversations), file: "memory")
        #expect(PileNERFormat.encode(conversations, indent: 4).count > PileNERFormat.encode(conversations).count)
        #expect(back == conversations)
        var report = StageReport()
        let replayed = back.compactMap { ReplayAnnotator.annotatedPassage(from: $0, source: nil, report: &report) }
        for (before, after) in zip(annotated, replayed) {
            #expect(Set(after.mentions) == Set(before.mentions))
            #expect(Set(after.negativeTypes).isSuperset(of: before.negativeTypes))
        }
    }
}
