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

    /// `queries.supervised_absent_share`: each own absent label is asked with that probability, from a stream of
    /// its own (the same draws every run), and never a present label.
    @Test func absentShareAsksAShareOfTheAbsentLabelsOnly() {
        // 400 sentences of a set with 6 labels, one present: 2,000 absent labels.
        let labels = ["person", "location", "organization", "disease", "chemical", "gene"]
        let passages = (0..<400).map { i in
            AnnotatedPassage(passage: Passage(id: "set#\(i)", text: "Merkel spoke ."),
                             mentions: [Mention(text: "Merkel", type: "person")], negativeTypes: Array(labels.dropFirst()))
        }
        func build(_ share: Double) -> InstructionBuilder.Output {
            InstructionBuilder(template: PerTypeTemplate(), sampler: NoNegativeSampler(), style: TypePromptStyle(),
                               datasetField: false, supervisedAbsentShare: share, seed: 3).build(distilled: [], supervised: passages)
        }
        let all = build(1), quarter = build(0.25)
        #expect(all.report.counters["negative queries"] == 2000)
        #expect(all.report.counters["supervised absent labels left unasked"] == nil)
        let negatives = quarter.report.counters["negative queries"] ?? -1
        // Binomial(2000, 0.25): mean 500, standard deviation 19.4; 4 deviations either side.
        #expect((422...578).contains(negatives), "asked \(negatives) of 2,000 absent labels at share 0.25")
        #expect(quarter.report.counters["supervised absent labels left unasked"] == 2000 - negatives)
        for example in quarter.examples {
            // the present label is always asked, with its answer; the asked absent ones answer []
            #expect(example.queries.filter { $0.label == "person" }.map(\.answers) == [["Merkel"]])
            #expect(example.queries.filter { $0.label != "person" }.allSatisfy { $0.answers.isEmpty })
        }
        #expect(build(0.25).examples.map { $0.queries.map(\.label) } == quarter.examples.map { $0.queries.map(\.label) })
    }

    /// With both options, the sampler still knows a left-out absent label as one of the passage's own set, so it
    /// never asks it back as a drawn negative.
    @Test func aLeftOutAbsentLabelIsNeverDrawnBack() {
        // news#1 ("location" absent) 100 times: at share 0.001 its "location" is left out about always. Chemical and
        // disease are the sampler's candidates; one that forgot the left-out label would draw location too.
        let passages = Array(Self.supervised.prefix(1)) + Array(repeating: Self.supervised[1], count: 100)
            + Array(Self.supervised.suffix(2))
        let built = InstructionBuilder(template: PerTypeTemplate(), sampler: FrequencyNegativeSampler(perPassage: 1),
                                       style: TypePromptStyle(), datasetField: false, supervisedNegatives: true,
                                       supervisedAbsentShare: 0.001, seed: 3).build(distilled: [], supervised: passages)
        let news1 = built.examples[1...100]
        let left = Int(built.report.counters["supervised absent labels left unasked"] ?? 0)
        #expect(left >= 95, "\(left) of 101 absent labels left out")
        // "location" is asked of a copy only where its own absent label was kept
        #expect(news1.filter { $0.queries.contains { $0.label == "location" } }.count <= 101 - left)
        // each copy of news#1 got its one draw from the other set
        #expect(news1.allSatisfy { example in
            example.queries.contains { $0.label == "chemical" || $0.label == "disease" } })
    }
}
