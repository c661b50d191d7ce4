import UniNERCore

/// A registry of small real plugins for recipe tests, independent of the plugin modules.
enum TestRegistry {
    struct Sampler: NegativeSampler {
        var perPassage: Int
        func negatives(for passage: AnnotatedPassage, frequencies: TypeFrequencies,
                       using generator: inout SeededRandom) -> [String] {
            Array(frequencies.types.filter { !passage.presentTypes.contains($0) }.prefix(perPassage))
        }
    }

    struct SamplerOptions: PluginOptions {
        static let optionSpecs = [OptionSpec("per_passage", "int", default: "1", "negatives per passage")]
        var perPassage: Int
        enum CodingKeys: String, CodingKey { case perPassage = "per_passage" }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            perPassage = try c.decode(.perPassage, default: 1)
            if perPassage < 0 { throw InvalidOption("per_passage", "must not be negative") }
        }
    }

    struct Style: PromptStyle {
        var name: String
        func teacherMessages(for passage: Passage) -> [ChatMessage] { [ChatMessage(role: "user", content: passage.text)] }
        func label(forType type: String) throws -> String { type }
    }

    struct Template: QueryTemplate {
        func example(for passage: AnnotatedPassage, negatives: [String], datasetField: Bool,
                     using generator: inout SeededRandom) -> InstructionExample {
            InstructionExample(id: passage.passage.id, text: passage.passage.text,
                               queries: passage.presentTypes.map { type in
                                   LabelQuery(label: type, answers: passage.mentions.filter { $0.type == type }.map(\.text))
                               } + negatives.map { LabelQuery(label: $0, answers: []) })
        }
        func conversation(for example: InstructionExample) -> Conversation { Conversation(id: example.id, conversations: []) }
    }

    static let registry = try! PluginRegistry(
        ["none", "uniform", "frequency"].map { kind in
            PluginDescriptor.plugin(.negatives, kind: kind, summary: "test sampler", options: SamplerOptions.self) {
                Sampler(perPassage: kind == "none" ? 0 : $0.perPassage)
            }
        } + ["type", "definition"].map { kind in
            PluginDescriptor.plugin(.prompt, kind: kind, summary: "test style", options: NoOptions.self) { _ in Style(name: kind) }
        } + ["per-type", "all-in-one"].map { kind in
            PluginDescriptor.plugin(.template, kind: kind, summary: "test template", options: NoOptions.self) { _ in Template() }
        }
    )
}
