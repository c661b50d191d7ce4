/// Builds the student's training examples: distilled passages through the query template and negative
/// sampler, plus supervised passages that already carry their dataset's absent labels as negatives (and, with
/// `supervisedNegatives`, the sampler's draws among the other sets' types as well).
public struct InstructionBuilder: Sendable {
    public var template: any QueryTemplate
    public var sampler: any NegativeSampler
    public var style: any PromptStyle
    /// The recipe's `queries.dataset_field`: use the dataset template for distilled passages that have a name.
    public var datasetField: Bool
    /// The recipe's `queries.supervised_negatives`: the sampler adds negatives to supervised passages too.
    public var supervisedNegatives: Bool
    /// The recipe's `queries.supervised_absent_share`: each of a supervised passage's own absent labels is asked
    /// with this probability (1: all, as the paper's supervised data asks every label).
    public var supervisedAbsentShare: Double
    public var seed: UInt64

    public init(template: any QueryTemplate, sampler: any NegativeSampler, style: any PromptStyle,
                datasetField: Bool, supervisedNegatives: Bool = false, supervisedAbsentShare: Double = 1, seed: UInt64) {
        self.template = template
        self.sampler = sampler
        self.style = style
        self.datasetField = datasetField
        self.supervisedNegatives = supervisedNegatives
        self.supervisedAbsentShare = supervisedAbsentShare
        self.seed = seed
    }

    public struct Output: Sendable {
        public var examples: [InstructionExample]
        public var conversations: [Conversation]
        public var report: StageReport
    }

    public func build(distilled: [AnnotatedPassage], supervised: [AnnotatedPassage]) -> Output {
        let frequencies = TypeFrequencies(distilled)
        var generator = SeededRandom(seed: seed, stream: "instructions")
        var report = StageReport()
        var examples: [InstructionExample] = []
        examples.reserveCapacity(distilled.count + supervised.count)
        for passage in distilled {
            let present = Set(passage.presentTypes)
            let negatives = adding(sampler.negatives(for: passage, frequencies: frequencies, using: &generator),
                                   to: passage.negativeTypes.filter { !present.contains($0) }, present: present)
            report.add("negatives sampled", Double(negatives.count - passage.negativeTypes.count))
            examples.append(template.example(for: passage, negatives: negatives,
                                             datasetField: datasetField && passage.dataset != nil, using: &generator))
        }
        // The supervised passages' own absent labels are negatives already; the sampler's draws exclude them
        // and the present types, so what it adds are types of the other sets, drawn by their frequency there.
        let supervisedFrequencies = supervisedNegatives ? TypeFrequencies(supervised) : frequencies
        var supervisedSampled = 0, absentDropped = 0
        // A stream of its own, so that dropping absent labels leaves every other draw (template, sampler) as it was.
        var absentGenerator = SeededRandom(seed: seed, stream: "supervised-absent")
        for source in supervised {
            var passage = source
            if supervisedAbsentShare < 1 {
                // The template asks a passage's own negative types itself, so the passage keeps only those asked.
                let kept = passage.negativeTypes.filter { _ in absentGenerator.nextUnit() < supervisedAbsentShare }
                absentDropped += passage.negativeTypes.count - kept.count
                passage.negativeTypes = kept
            }
            var negatives = passage.negativeTypes
            if supervisedNegatives {
                // The sampler sees every label of the passage's own set, so it never draws one of them back.
                negatives = adding(sampler.negatives(for: source, frequencies: supervisedFrequencies, using: &generator),
                                   to: negatives, present: Set(passage.presentTypes))
                supervisedSampled += negatives.count - passage.negativeTypes.count
            }
            examples.append(template.example(for: passage, negatives: negatives,
                                             datasetField: passage.dataset != nil, using: &generator))
        }
        if supervisedNegatives { report.counters["supervised negatives sampled"] = Double(supervisedSampled) }
        if supervisedAbsentShare < 1 { report.counters["supervised absent labels left unasked"] = Double(absentDropped) }
        report.counters["distilled passages"] = Double(distilled.count)
        report.counters["supervised passages"] = Double(supervised.count)
        report.counters["mentions"] = Double((distilled + supervised).reduce(0) { $0 + $1.mentions.count })
        report.counters["distinct types"] = Double(Set((distilled + supervised).flatMap(\.presentTypes)).count)
        report.counters["queries"] = Double(examples.reduce(0) { $0 + $1.queries.count })
        report.counters["negative queries"] = Double(examples.reduce(0) { $0 + $1.queries.filter(\.answers.isEmpty).count })
        return Output(examples: examples, conversations: examples.map(template.conversation(for:)), report: report)
    }

    /// `negatives` followed by the `sampled` types that are neither present nor already among them.
    private func adding(_ sampled: [String], to negatives: [String], present: Set<String>) -> [String] {
        var result = negatives
        for type in sampled where !present.contains(type) && !result.contains(type) { result.append(type) }
        return result
    }
}
