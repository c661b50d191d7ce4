import Testing
import UniNERCore
import UniNERPrompting
import UniNERSampling

/// `queries.supervised_negatives`: the sampler's draws reach supervised passages too, never one of the passage's
/// own dataset's labels (present or absent), and only when asked.
@Suite struct SupervisedNegativesTests {
    /// Two "datasets": news (person, location) and biomedical (disease, chemical), two sentences each.
    static let supervised: [AnnotatedPassage] = [
        AnnotatedPassage(passage: Passage(id: "news#0", text: "Merkel visited Paris ."),
                         mentions: [Mention(text: "Merkel", type: "person"), Mention(text: "Paris", type: "location")]),
        AnnotatedPassage(passage: Passage(id: "news#1", text: "Obama spoke ."),
                         mentions: [Mention(text: "Obama", type: "person")], negativeTypes: ["location"]),
        AnnotatedPassage(passage: Passage(id: "bio#0", text: "Aspirin eased the migraine ."),
                         mentions: [Mention(text: "Aspirin", type: "chemical"), Mention(text: "migraine", type: "disease")]),
        AnnotatedPassage(passage: Passage(id: "bio#1", text: "Cisplatin was given ."),
                         mentions: [Mention(text: "Cisplatin", type: "chemical")], negativeTypes: ["disease"]),
    ]

    static func build(supervisedNegatives: Bool) -> InstructionBuilder.Output {
        InstructionBuilder(template: PerTypeTemplate(), sampler: FrequencyNegativeSampler(perPassage: 1),
                           style: TypePromptStyle(), datasetField: false, supervisedNegatives: supervisedNegatives,
                           seed: 3).build(distilled: [], supervised: supervised)
    }

    @Test func sampledNegativesComeFromTheOtherSetsOnly() {
        let built = Self.build(supervisedNegatives: true)
        let own: [Set<String>] = [["person", "location"], ["person", "location"], ["chemical", "disease"], ["chemical", "disease"]]
        #expect(built.report.counters["supervised negatives sampled"] == 4)
        for (example, types) in zip(built.examples, own) {
            let asked = Set(example.queries.map(\.label))
            let added = asked.subtracting(types)
            #expect(added.count == 1, "one draw per passage: \(asked)")
            let addedAnswers = example.queries.filter { added.contains($0.label) }.map(\.answers)
            #expect(addedAnswers == [[]])
            // the other set's types are the only candidates
            #expect(added.isSubset(of: types.contains("person") ? ["chemical", "disease"] : ["person", "location"]))
        }
        // the passage's own absent label stays asked, answered []
        #expect(built.examples[1].queries.contains { $0.label == "location" && $0.answers.isEmpty })
    }

    @Test func withoutTheOptionSupervisedPassagesKeepTheirOwnLabelsOnly() {
        let built = Self.build(supervisedNegatives: false)
        #expect(built.report.counters["supervised negatives sampled"] == nil)
        #expect(built.examples.map { Set($0.queries.map(\.label)) }
                == [["person", "location"], ["person", "location"], ["chemical", "disease"], ["chemical", "disease"]])
    }
}
