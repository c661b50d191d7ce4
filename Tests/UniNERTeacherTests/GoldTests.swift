import Testing
import UniNERCore
import UniNERAnnotators
import UniNERCorpora
import UniNERPrompting
import UniNERTestSupport

@Suite struct GoldTests {
    let context = ReplayFixtures.context(datasets: ReplayFixtures.toyProvider)

    @Test func datasetSentencesBecomeAnnotatedPassages() async throws {
        let gold = GoldAnnotator(options: .init(datasets: ["toy"]))
        let passages = try await gold.annotate([], style: TypePromptStyle(), context: context).passages
        #expect(passages.map(\.passage.id) == ["toy/train/s0", "toy/train/s1", "toy/train/s2"])
        #expect(passages[0].mentions == [Mention(text: "Barack Obama", type: "person"), Mention(text: "Paris", type: "location"),
                                         Mention(text: "Paris", type: "location")])
        #expect(passages[0].negativeTypes == ["organization"])
        #expect(passages[1].mentions.isEmpty && passages[1].negativeTypes == ["person", "location", "organization"])
        #expect(passages.allSatisfy { $0.dataset == "toy" })
        var generator = SeededRandom(seed: 1)
        let example = PerTypeTemplate(options: .init(shuffle: false))
            .example(for: passages[0], negatives: [], datasetField: true, using: &generator)
        #expect(example.dataset == "toy")
        #expect(example.queries.first { $0.label == "location" }?.answers == ["Paris"])
        let plain = GoldAnnotator(options: .init(datasets: ["toy"], absentLabels: false))
        #expect(try await plain.annotate([], style: TypePromptStyle(), context: context).passages[1].negativeTypes.isEmpty)
    }

    @Test func definitionStyleNamesTypesByDefinition() async throws {
        let gold = GoldAnnotator(options: .init(datasets: ["bio"]))
        let passage = try await gold.annotate([], style: DefinitionPromptStyle(), context: context).passages[0]
        #expect(passage.mentions == [Mention(text: "asthma", type: "a disease, disorder or syndrome")])
        let odd = InMemoryDatasetProvider([LabeledSplit(dataset: "odd", split: "train", labels: ["spaceship"],
                                                            sentences: [Sentence(id: "o0", words: ["Nothing", "."])])])
        await #expect(throws: UniNERError.self) {
            _ = try await GoldAnnotator(options: .init(datasets: ["odd"]))
                .annotate([], style: DefinitionPromptStyle(), context: ReplayFixtures.context(datasets: odd))
        }
    }

    @Test func limitSamplesWithTheSeedInFileOrder() async throws {
        let gold = GoldAnnotator(options: .init(datasets: ["toy"], limit: 2))
        let ids = try await gold.annotate([], style: TypePromptStyle(), context: context).passages.map(\.passage.id)
        #expect(ids.count == 2 && ids == ids.sorted())
        #expect(try await gold.annotate([], style: TypePromptStyle(), context: context).passages.map(\.passage.id) == ids)
        var seen = Set<[String]>()
        for seed in 0..<20 as Range<UInt64> {
            let other = ReplayFixtures.context(seed: seed, datasets: ReplayFixtures.toyProvider)
            seen.insert(try await gold.annotate([], style: TypePromptStyle(), context: other).passages.map(\.passage.id))
        }
        #expect(seen.count > 1, "different seeds pick different sentences")
    }

    /// The limit draws with the toolkit's one seeded subset, and says so in the annotations' cache key.
    @Test func limitDrawsWithTheSeededSubsetAndKeysItsCacheByIt() async throws {
        let gold = GoldAnnotator(options: .init(datasets: ["toy"], limit: 2))
        let ids = try await gold.annotate([], style: TypePromptStyle(), context: context).passages.map(\.passage.id)
        let sentences = try ReplayFixtures.toyProvider.load(dataset: "toy", split: "train").sentences
        #expect(ids == SeededSubset.draw(sentences, count: 2, seed: context.seed, stream: "gold.toy").map { "toy/train/\($0.id)" })
        #expect(try gold.cacheIdentity() == "subset: \(SeededSubset.algorithm)")
        #expect(try GoldAnnotator(options: .init(datasets: ["toy"])).cacheIdentity() == "", "no limit: the key as before")
    }

    /// `dataset-text` corpus → `gold` without `datasets`: each chunk gets the entities inside it.
    @Test func labelsTheChunksOfADatasetTextCorpus() async throws {
        let corpus = DatasetTextCorpus(options: .init(datasets: ["toy"], chunking: ChunkingOptions(maxTokens: 4)))
        var passages = try corpus.passages(context: context)
        passages.append(Passage(id: "stray", text: "Not from a dataset.", source: nil))
        let result = try await GoldAnnotator().annotate(passages, style: TypePromptStyle(), context: context)
        let byID = Dictionary(uniqueKeysWithValues: result.passages.map { ($0.passage.id, $0) })
        #expect(byID["toy/train/s0#0"]?.passage.text == "Barack Obama visited Paris")
        #expect(byID["toy/train/s0#0"]?.mentions.map(\.text) == ["Barack Obama", "Paris"])
        #expect(byID["toy/train/s0#1"]?.passage.text == "and Paris again .")
        #expect(byID["toy/train/s0#1"]?.mentions == [Mention(text: "Paris", type: "location")])
        #expect(byID["toy/train/s0#1"]?.negativeTypes == ["person", "organization"])
        #expect(byID["stray"] == nil && result.report["passages without gold"] == 1)
    }

    @Test func needsADatasetProvider() async {
        await #expect(throws: UniNERError.self) {
            _ = try await GoldAnnotator(options: .init(datasets: ["toy"]))
                .annotate([], style: TypePromptStyle(), context: ReplayFixtures.context())
        }
    }
}
