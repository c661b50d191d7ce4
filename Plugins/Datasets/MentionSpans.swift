import UniNERCore

/// Places a teacher's string mentions in their passage as character spans: every occurrence of the mention's
/// words (`WordSplitter`) as a run of the passage's words, case-sensitive first and case-insensitive when
/// that finds none, as the student's aligner does. For exporting to annotation tools and scoring the teacher.
public enum MentionSpans {
    /// The spans of `mentions` in `text`, labelled with the mentions' types, in text order (a span found for
    /// two mentions of the same type once), and the mentions that occur nowhere.
    public static func spans(of mentions: [Mention], in text: String) -> (spans: [CharacterSpanRecord.Span], unplaced: [Mention]) {
        let words = WordSplitter.words(in: text)
        var spans: [CharacterSpanRecord.Span] = []
        var seen = Set<CharacterSpanRecord.Span>()
        var unplaced: [Mention] = []
        for mention in mentions {
            let target = WordSplitter.wordTexts(in: mention.text)
            var found = occurrences(of: target, in: words.map(\.text))
            if found.isEmpty { found = occurrences(of: target.map { $0.lowercased() }, in: words.map { $0.text.lowercased() }) }
            if found.isEmpty { unplaced.append(mention) }
            for first in found {
                let span = CharacterSpanRecord.Span(start: words[first].start, end: words[first + target.count - 1].end,
                                                    label: mention.type)
                if seen.insert(span).inserted { spans.append(span) }
            }
        }
        spans.sort { ($0.start, $0.end, $0.label) < ($1.start, $1.end, $1.label) }
        return (spans, unplaced)
    }

    /// A teacher-annotated passage as a pre-annotated record for review, and the mentions found nowhere in it.
    public static func record(for annotated: AnnotatedPassage) -> (record: CharacterSpanRecord, unplaced: [Mention]) {
        let placed = spans(of: annotated.mentions, in: annotated.passage.text)
        return (CharacterSpanRecord(text: annotated.passage.text, spans: placed.spans, passageID: annotated.passage.id),
                placed.unplaced)
    }

    static func occurrences(of target: [String], in words: [String]) -> [Int] {
        guard !target.isEmpty, target.count <= words.count else { return [] }
        return (0...(words.count - target.count)).filter { start in
            var index = 0
            while index < target.count && words[start + index] == target[index] { index += 1 }
            return index == target.count
        }
    }
}
