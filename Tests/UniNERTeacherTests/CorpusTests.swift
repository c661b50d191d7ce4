import Foundation
import Testing
import UniNERCore
@testable import UniNERCorpora

@Suite struct CorpusTests {
    @Test(arguments: [
        (4, "One two. Three four five. Six.", ["One two.", "Three four five. Six."]),
        (3, "One two three four five six seven", ["One two three", "four five six", "seven"]),
        (5, "Dr. Smith met e.g. the U.S. team. Then left.", ["Dr. Smith met e.g. the", "U.S. team. Then left."]),
        (6, "It costs 3.5 kg. \"Yes!\" she said. Done.", ["It costs 3.5 kg.", "\"Yes!\" she said. Done."]),
        (10, "First paragraph without stop\n\nsecond paragraph here", ["First paragraph without stop\n\nsecond paragraph here"]),
        (4, "First paragraph without stop\n\nsecond paragraph here", ["First paragraph without stop", "second paragraph here"]),
        (3, "A b. C d e f g. H.", ["A b.", "C d e", "f g. H."]),
        (256, "  \n\t ", []),
        (2, "  spaced\n  out  ", ["spaced\n  out"]),
    ])
    func chunkerSplitsOnSentencesThenWords(maxTokens: Int, text: String, expected: [String]) {
        #expect(PassageChunker(maxTokens: maxTokens).chunks(of: text) == expected)
    }

    @Test func chunksNeverExceedTheLimitAndKeepEveryToken() {
        let words = (0..<1000).map { $0 % 17 == 0 ? "end\($0)." : "Word\($0)" }
        let text = words.joined(separator: " ")
        for limit in [1, 7, 16, 256] {
            let chunks = PassageChunker(maxTokens: limit).chunks(of: text)
            #expect(chunks.allSatisfy { $0.split(separator: " ").count <= limit })
            #expect(chunks.flatMap { $0.split(separator: " ") }.map(String.init) == words)
        }
    }

    @Test func jsonlCorpusReadsFieldsAndChunks() throws {
        let options = JSONLCorpus.Options(path: ReplayFixtures.url("corpus.jsonl").path, idField: "meta.id",
                                          chunking: ChunkingOptions(maxTokens: 10))
        let passages = try JSONLCorpus(options: options).passages(context: ReplayFixtures.context())
        #expect(passages.map(\.id) == ["doc-a#0", "doc-b#0", "7#0", "7#1", "7#2"])
        #expect(passages[0].text == "The first document. It has two sentences.")
        #expect(passages[2].text == (0..<10).map { "w\($0)" }.joined(separator: " "))
        #expect(passages[0].source == "corpus.jsonl")
        let unnamed = try JSONLCorpus(options: .init(path: ReplayFixtures.url("corpus.jsonl").path)).passages(context: ReplayFixtures.context())
        #expect(unnamed.map(\.id) == ["corpus.jsonl:1#0", "corpus.jsonl:3#0", "corpus.jsonl:4#0"])
    }

    @Test func jsonlCorpusNamesTheBadLine() {
        let corpus = JSONLCorpus(options: .init(path: ReplayFixtures.url("corpus-bad.jsonl").path))
        #expect { try corpus.passages(context: ReplayFixtures.context()) } throws: { error in
            guard let error = error as? DataError else { return false }
            return error.line == 2 && error.message.contains("'text'") && (error.help ?? "").contains("body")
        }
    }

    @Test func textFolderReadsTxtFilesInPathOrder() throws {
        let options = TextFolderCorpus.Options(path: ReplayFixtures.url("text-folder").path,
                                               chunking: ChunkingOptions(maxTokens: 6))
        let passages = try TextFolderCorpus(options: options).passages(context: ReplayFixtures.context())
        #expect(passages.map(\.id) == ["a.txt#0", "a.txt#1", "sub/b.txt#0"])
        #expect(passages.map(\.text) == ["Alpha beta gamma. Delta epsilon!", "Zeta eta theta iota kappa lambda.",
                                         "Second file with one sentence."])
    }

    @Test func datasetTextUsesTheProviderAndNamesSentences() throws {
        let corpus = DatasetTextCorpus(options: .init(datasets: ["toy", "bio"], split: "train"))
        let passages = try corpus.passages(context: ReplayFixtures.context(datasets: ReplayFixtures.toyProvider))
        #expect(passages.map(\.id) == ["toy/train/s0#0", "toy/train/s1#0", "toy/train/s2#0", "bio/train/b0#0"])
        #expect(passages[3].text == "Patients with asthma .")
        #expect(passages[0].source == "toy/train")
        #expect(throws: UniNERError.self) { try corpus.passages(context: ReplayFixtures.context()) }
        let typo = DatasetTextCorpus(options: .init(datasets: ["toyy"]))
        #expect(throws: UniNERError.self) { try typo.passages(context: ReplayFixtures.context(datasets: ReplayFixtures.toyProvider)) }
    }

    @Test func samplingIsSeededAndKeepsDocumentOrder() {
        let passages = (0..<100).map { Passage(id: "p\($0)", text: "t\($0)") }
        let first = PassageSampling.sample(passages, count: 10, seed: 13)
        #expect(first == PassageSampling.sample(passages, count: 10, seed: 13))
        #expect(first != PassageSampling.sample(passages, count: 10, seed: 14))
        #expect(first.count == 10 && Set(first.map(\.id)).count == 10)
        #expect(first.map { Int($0.id.dropFirst())! } == first.map { Int($0.id.dropFirst())! }.sorted())
        #expect(PassageSampling.sample(passages, count: nil, seed: 13) == passages)
        #expect(PassageSampling.sample(passages, count: 500, seed: 13) == passages)
    }

    @Test func corpusOptionsRejectBadValues() {
        #expect(throws: (any Error).self) {
            _ = try JSONDecoder().decode(JSONLCorpus.Options.self, from: Data(#"{"path": "x", "max_tokens": 0}"#.utf8))
        }
        #expect(throws: (any Error).self) {
            _ = try JSONDecoder().decode(DatasetTextCorpus.Options.self, from: Data(#"{"datasets": []}"#.utf8))
        }
    }
}
