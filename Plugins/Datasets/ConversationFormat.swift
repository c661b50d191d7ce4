import Foundation
import UniNERCore

/// The official UniNER conversation JSON (evaluation files such as `CrossNER_AI.json`, and Pile-NER-type
/// training data): reconstructs sentences and entities from the per-label answer strings.
///
/// Consecutive records with the same text form one sentence (a label asked twice starts a new sentence, so
/// duplicated sentences stay apart). Each answer string is located in the text, left to right per label and
/// preferring whole-word matches, to give it offsets; answers that cannot be found in the text are counted in
/// `unlocatedAnswers` of `readWithReport` and left out of the sentence (the exact strings stay available through
/// `EvaluationQueryBuilder.readQueries`).
public struct ConversationFormat: DatasetFormat {
    public var labelMap: LabelMap

    public init(labelMap: LabelMap = .identity) {
        self.labelMap = labelMap
    }

    /// What reading a conversation file found.
    public struct Report: Sendable {
        public var sentences: [Sentence]
        /// Labels in the order the file first asks them.
        public var labels: [String]
        /// Answer strings not found in their text.
        public var unlocatedAnswers: Int
    }

    /// - Throws: `DataError` naming the file and record for a malformed record.
    public func read(_ url: URL) throws -> [Sentence] {
        try readWithReport(url).sentences
    }

    /// Reads sentences, the label order and how many answers could not be located.
    /// - Throws: `DataError` naming the file and record for a malformed record.
    public func readWithReport(_ url: URL) throws -> Report {
        let queries = try EvaluationQueryBuilder.readQueries(from: url)
        let stem = url.deletingPathExtension().lastPathComponent
        var labels: [String] = [], seenLabels = Set<String>()
        var groups: [(text: String, queries: [EvaluationQuery])] = []
        var asked = Set<String>()
        for query in queries {
            if seenLabels.insert(query.label).inserted { labels.append(query.label) }
            if let last = groups.last, last.text == query.text, !asked.contains(query.label) {
                groups[groups.count - 1].queries.append(query)
            } else {
                groups.append((query.text, [query]))
                asked.removeAll()
            }
            asked.insert(query.label)
        }
        var unlocated = 0
        let sentences = groups.enumerated().map { index, group -> Sentence in
            let scalars = Array(group.text.unicodeScalars)
            let tokens = Tokenization.whitespaceTokens(group.text)
            var entities: [EntitySpan] = []
            for query in group.queries {
                var from = 0
                var used = Set<Int>()
                for answer in query.answers {
                    let needle = Array(answer.unicodeScalars)
                    guard let start = Self.locate(needle, in: scalars, tokens: tokens, from: from, avoiding: used)
                            ?? Self.locate(needle, in: scalars, tokens: tokens, from: 0, avoiding: used) else {
                        unlocated += 1
                        continue
                    }
                    used.insert(start)
                    from = start + needle.count
                    entities.append(Tokenization.entity(text: group.text, scalars: scalars, tokens: tokens, start: start,
                                                        end: start + needle.count, type: labelMap(query.label)))
                }
            }
            entities.sort { ($0.start, $0.end) < ($1.start, $1.end) }
            return Sentence(id: "\(stem)_\(index)", text: group.text, tokens: tokens, entities: entities)
        }
        return Report(sentences: sentences, labels: labels.map { labelMap($0) }, unlocatedAnswers: unlocated)
    }

    /// The first occurrence of `needle` at or after `from` not starting at a `used` offset, preferring one that
    /// starts and ends on token boundaries.
    static func locate(_ needle: [Unicode.Scalar], in haystack: [Unicode.Scalar], tokens: [Token], from: Int,
                       avoiding used: Set<Int>) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count, from <= haystack.count - needle.count else { return nil }
        let starts = Set(tokens.map(\.start)), ends = Set(tokens.map(\.end))
        var fallback: Int?
        for start in from...(haystack.count - needle.count) where !used.contains(start) {
            guard haystack[start] == needle[0], haystack[start..<(start + needle.count)].elementsEqual(needle) else { continue }
            if starts.contains(start) && ends.contains(start + needle.count) { return start }
            if fallback == nil { fallback = start }
        }
        return fallback
    }
}
