import Foundation
import Yams

/// A part of a recipe that a stage reads. A stage's cache key hashes the parts its declaration lists (and
/// nothing else), the validator builds the plugins they name, and the report shows them.
public enum RecipeSection: String, CaseIterable, Codable, Sendable {
    /// The data seed (`seed:`): the corpus sample and the supervised sentences.
    case seed
    /// The student's seed (`Recipe.studentSeed`: the `seeds:` entry, else `seed`): negatives, initialisation,
    /// batch order. Its own section so that the data-side stages are shared by every entry of `seeds:`.
    case studentSeed = "student seed"
    case prompt
    case corpus
    case annotator
    case queries
    case supervised
    /// The student's section without the options that only shape predictions (`Student.inferenceOnlyOptions`).
    case training = "student (training options)"
    case student
    case predictor
    /// `evaluate`'s split, `max_sentences`, `dataset_field`, `passage_sentences` and `label_styles`, with the one
    /// dataset a stage reads.
    case evaluation = "evaluate (one dataset)"
    case metrics = "evaluate.metric"

    /// The section as canonical text (sorted keys, no formatting), "none" when the recipe leaves it out.
    /// - Parameters:
    ///   - inferenceOnly: the student's options that `training` leaves out.
    ///   - dataset: the evaluation dataset, for `evaluation`.
    func text(in recipe: Recipe, inferenceOnly: [String] = [], dataset: String? = nil) -> String {
        switch self {
        case .seed: String(recipe.seed)
        case .studentSeed: String(recipe.studentSeed)
        case .prompt: Self.canonical(recipe.prompt)
        case .corpus: recipe.corpus.map { Self.canonical($0) } ?? "none"
        case .annotator: recipe.annotator.map { Self.canonical($0) } ?? "none"
        case .queries:
            ([Self.canonical(recipe.queries.template), Self.canonical(recipe.queries.negatives),
             String(recipe.queries.datasetField)]
                // Only when set, so the keys of recipes without it stay what they were.
                + (recipe.queries.supervisedNegatives ? ["supervised_negatives"] : [])
                + (recipe.queries.supervisedAbsentShare < 1 ? ["supervised_absent_share \(recipe.queries.supervisedAbsentShare)"] : [])
            ).joined(separator: "\n")
        case .supervised: Self.canonical(recipe.supervised)
        case .training: recipe.student.map { Self.canonical($0, without: inferenceOnly) } ?? "none"
        case .student: recipe.student.map { Self.canonical($0) } ?? "none"
        case .predictor: recipe.predictor.map { Self.canonical($0) } ?? "none"
        case .evaluation:
            recipe.evaluate.map { evaluate in
                // Passages only when set, so the keys of recipes without them stay what they were.
                ([dataset ?? "", evaluate.split, String(evaluate.maxSentences ?? 0), String(evaluate.datasetField)]
                 + ((evaluate.passageSentences ?? 1) > 1 ? ["passages of \(evaluate.passageSentences ?? 1)"] : [])
                 + (evaluate.labelStyles.map { ["label styles \($0.joined(separator: ","))"] } ?? []))
                    .joined(separator: "\n")
            } ?? "none"
        case .metrics: recipe.evaluate?.metrics.joined(separator: ",") ?? "none"
        }
    }

    /// The plugin sections this part names, with their family (for the validator).
    func plugins(in recipe: Recipe) -> [(family: PluginFamily, section: PluginSection)] {
        switch self {
        case .prompt: [(.prompt, recipe.prompt)]
        case .corpus: recipe.corpus.map { [(.corpus, $0)] } ?? []
        case .annotator: recipe.annotator.map { [(.annotator, $0)] } ?? []
        case .queries: [(.template, recipe.queries.template), (.negatives, recipe.queries.negatives)]
        case .training, .student: recipe.student.map { [(.student, $0)] } ?? []
        case .predictor: recipe.predictor.map { [(.predictor, $0)] } ?? []
        case .seed, .studentSeed, .supervised, .evaluation, .metrics: []
        }
    }

    /// A section in canonical YAML (sorted keys), so formatting and key order do not change its key.
    static func canonical(_ section: PluginSection, without excluded: [String] = []) -> String {
        var pairs: [(Node, Node)] = [(Node("kind"), Node(section.kind))]
        if case .mapping(let mapping) = section.options {
            pairs += mapping.filter { !excluded.contains($0.key.string ?? "") }.map { ($0.key, $0.value) }
        }
        return (try? Yams.serialize(node: Node(pairs), sortKeys: true)) ?? section.kind
    }

    static func canonical<T: Encodable>(_ value: T) -> String {
        String(decoding: (try? JSONEncoder.stable.encode(value)) ?? Data(), as: UTF8.self)
    }
}
