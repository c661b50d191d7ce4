import Foundation
import UniNERCore

/// Statistics of an instruction data set, as the paper reports them (§3.1, Tab. 1): passages, mentions, distinct
/// types, questions and negatives, and how the mentions spread over frequency bands of types (top 1%, 1-10%,
/// 10-100% of the types, most frequent first).
///
/// For the released Pile-NER-type data the paper gives 45,889 passages, 240,725 mentions, 13,020 types, and bands
/// of 130 / 1,172 / 11,718 types holding 74% / 19% / 7% of the mentions.
public struct InstructionStatistics: Codable, Sendable, Hashable {
    /// One band of types by frequency rank.
    public struct Band: Codable, Sendable, Hashable {
        /// `top 1%`, `1%-10%`, `10%-100%`.
        public var name: String
        public var types: Int
        public var mentions: Int
        /// Fraction of all mentions whose type is in this band.
        public var share: Double
        /// The band's most frequent types (at most 10).
        public var examples: [String]
    }

    public var passages: Int
    /// Teacher mentions, as annotated (before per-type deduplication).
    public var mentions: Int
    public var distinctTypes: Int
    /// Questions over all examples (per-type: one per label; all-in-one: labels asked in the one question).
    public var questions: Int
    /// Questions answered `[]`.
    public var negativeQuestions: Int
    /// Negative questions that the source did not have (added by the negative sampler).
    public var negativesAdded: Int
    public var bands: [Band]

    /// - Parameters:
    ///   - annotated: the annotated passages (mentions and the source's own negatives).
    ///   - examples: the instruction examples built from them (matched by id for `negativesAdded`).
    public init(annotated: [AnnotatedPassage], examples: [InstructionExample]) {
        passages = annotated.count
        mentions = annotated.reduce(0) { $0 + $1.mentions.count }
        let frequencies = TypeFrequencies(annotated)
        distinctTypes = frequencies.types.count
        questions = examples.reduce(0) { $0 + $1.queries.count }
        var sourceNegatives: [String: Set<String>] = [:]
        for passage in annotated { sourceNegatives[passage.passage.id, default: []].formUnion(passage.negativeTypes) }
        var negative = 0, added = 0
        for example in examples {
            let own = sourceNegatives[example.id] ?? []
            for query in example.queries where query.answers.isEmpty {
                negative += 1
                if !own.contains(query.label) { added += 1 }
            }
        }
        negativeQuestions = negative
        negativesAdded = added
        bands = Self.bands(frequencies)
    }

    /// Splits the types (most frequent first) at 1% and 10% of their number, rounding down (at least one type in
    /// the top band), and sums the mentions of each band.
    public static func bands(_ frequencies: TypeFrequencies) -> [Band] {
        let count = frequencies.types.count
        guard count > 0 else { return [] }
        let total = Double(max(frequencies.total, 1))
        let top1 = max(1, count / 100)
        let top10 = max(top1, count / 10)
        let ranges = [("top 1%", 0..<top1), ("1%-10%", top1..<top10), ("10%-100%", top10..<count)]
        return ranges.map { name, range in
            let mentions = frequencies.counts[range].reduce(0, +)
            return Band(name: name, types: range.count, mentions: mentions, share: Double(mentions) / total,
                        examples: Array(frequencies.types[range].prefix(10)))
        }
    }

    /// The counters for a stage report (`passages`, `mentions`, `types`, `questions`, `negative questions`,
    /// `negatives added`, `share top 1%`...).
    public var report: StageReport {
        var report = StageReport()
        report.add("passages", Double(passages))
        report.add("mentions", Double(mentions))
        report.add("types", Double(distinctTypes))
        report.add("questions", Double(questions))
        report.add("negative questions", Double(negativeQuestions))
        report.add("negatives added", Double(negativesAdded))
        for band in bands { report.add("share \(band.name)", band.share) }
        return report
    }

    /// A Markdown summary with a table in the manner of the paper's Tab. 1.
    public func markdown() -> String {
        var lines = [
            "| passages | mentions | types | questions | negative questions | negatives added |",
            "|---:|---:|---:|---:|---:|---:|",
            "| \(passages) | \(mentions) | \(distinctTypes) | \(questions) | \(negativeQuestions) | \(negativesAdded) |",
            "",
            "| frequency | types | share of mentions | most frequent types |",
            "|---|---:|---:|---|",
        ]
        for band in bands {
            let percent = String(format: "%.1f%%", band.share * 100)
            lines.append("| \(band.name) | \(band.types) | \(percent) | \(band.examples.joined(separator: ", ")) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
