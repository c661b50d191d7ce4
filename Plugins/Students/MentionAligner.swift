import UniNERCore

/// Aligns a teacher's mention strings to word spans of the passage: every occurrence, matched word by word
/// after the same splitting as the passage (`WordSplitter`); case-sensitive first, case-insensitive when the
/// case-sensitive search finds nothing.
public struct MentionAligner: Sendable {
    /// The passage words.
    public let words: [String]
    private let lowered: [String]

    public init(words: [String]) {
        self.words = words
        lowered = words.map { $0.lowercased() }
    }

    /// Every occurrence of `mention` as inclusive word ranges, in text order (empty when it cannot be aligned).
    public func occurrences(of mention: String) -> [ClosedRange<Int>] {
        let target = WordSplitter.wordTexts(in: mention)
        guard !target.isEmpty, target.count <= words.count else { return [] }
        let exact = find(target, in: words)
        if !exact.isEmpty { return exact }
        return find(target.map { $0.lowercased() }, in: lowered)
    }

    private func find(_ target: [String], in haystack: [String]) -> [ClosedRange<Int>] {
        var found: [ClosedRange<Int>] = []
        let n = target.count
        var i = 0
        while i + n <= haystack.count {
            if haystack[i] == target[0] && (1..<n).allSatisfy({ haystack[i + $0] == target[$0] }) {
                found.append(i...(i + n - 1))
            }
            i += 1
        }
        return found
    }

    /// The distinct spans of all `answers` (every occurrence of each), and how many answers found none.
    public func align(_ answers: [String]) -> (spans: [ClosedRange<Int>], unaligned: Int) {
        var spans: [ClosedRange<Int>] = []
        var seen = Set<[Int]>()
        var unaligned = 0
        for answer in answers {
            let hits = occurrences(of: answer)
            if hits.isEmpty { unaligned += 1 }
            for hit in hits where seen.insert([hit.lowerBound, hit.upperBound]).inserted { spans.append(hit) }
        }
        return (spans, unaligned)
    }
}
