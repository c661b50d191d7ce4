import UniNERCore

/// Builds the label queries of one annotated passage, shared by both templates.
///
/// Positives come first, one per present type in order of first mention, each answered by its mentions deduplicated
/// with the first occurrence kept; then negatives, answered `[]`: the passage's own `negativeTypes` (the released
/// data's `[]` answers) followed by the sampler's, skipping any type that is present or already asked.
/// With `shuffle`, the queries are then shuffled with the generator (the official training shuffled the
/// question/answer pairs after the first turn; the first turn is never moved).
public enum QueryBuilder {
    public static func queries(for passage: AnnotatedPassage, negatives: [String], shuffle: Bool,
                               using generator: inout SeededRandom) -> [LabelQuery] {
        var answers: [String: [String]] = [:]
        var seen: [String: Set<String>] = [:]
        for mention in passage.mentions where seen[mention.type, default: []].insert(mention.text).inserted {
            answers[mention.type, default: []].append(mention.text)
        }
        var queries = passage.presentTypes.map { LabelQuery(label: $0, answers: answers[$0] ?? []) }
        var asked = Set(passage.presentTypes)
        for type in passage.negativeTypes + negatives where asked.insert(type).inserted {
            queries.append(LabelQuery(label: type, answers: []))
        }
        if shuffle { fisherYates(&queries, using: &generator) }
        return queries
    }

    /// An in-place Fisher-Yates shuffle that draws from `SeededRandom` the same way on every platform
    /// (the standard library's `shuffle(using:)` does not promise a stable algorithm).
    public static func fisherYates<T>(_ items: inout [T], using generator: inout SeededRandom) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            let other = generator.int(below: index + 1)
            if other != index { items.swapAt(index, other) }
        }
    }
}
