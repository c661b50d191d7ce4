/// Finds sentence ends in a text already split into words (`WordSplitter`), so that a predictor never scores
/// a span across a sentence end: a user's paragraph is not a benchmark sentence, and a student trained on single
/// sentences has never seen a span over a sentence end as a negative.
///
/// The rules, deliberately conservative (a missed end costs less than a false one, which can cut a mention):
/// - a line break always ends a sentence;
/// - `.`, `!`, `?` or `…` (with any closing quotes or brackets after it) ends one when whitespace follows and the
///   next word starts with an upper-case letter, a digit or an opening quote or bracket;
/// - a `.` after a single letter (`J. Smith`, `U.S. Army`) or after a common abbreviation (`Dr.`, `Mr.`, `St.`, `e.g.`)
///   ends none.
///
/// ```swift
/// let text = "Marie Curie worked in Paris. Pierre Curie too."
/// SentenceSplitter.sentenceIndices(of: WordSplitter.words(in: text), in: text)   // [0, 0, 0, 0, 0, 0, 1, 1, 1, 1]
/// ```
public enum SentenceSplitter {
    /// Abbreviations (lower-cased, without their dot) after which a `.` does not end a sentence.
    public static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "vs", "etc", "eg", "ie", "no", "nos", "vol",
        "fig", "figs", "eq", "al", "inc", "ltd", "co", "corp", "gen", "gov", "sen", "rep", "rev", "capt", "col", "lt",
        "sgt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "dept",
        "univ", "assn", "bros", "est", "pp", "ca",
    ]

    static let terminators: Set<String> = [".", "!", "?", "…"]
    static let closers: Set<String> = ["\"", "'", ")", "]", "}", "”", "’", "»"]
    static let openers: Set<String> = ["\"", "'", "(", "[", "“", "‘", "«"]

    /// The sentence number of each word (0 for the first sentence), non-decreasing.
    /// - Complexity: O(n) in the number of scalars of `text`.
    public static func sentenceIndices(of words: [Token], in text: String) -> [Int] {
        guard !words.isEmpty else { return [] }
        let scalars = Array(text.unicodeScalars)
        /// Whether the gap between two words holds whitespace, and whether it holds a line break.
        func gap(_ from: Int, _ to: Int) -> (space: Bool, lineBreak: Bool) {
            var space = false, lineBreak = false
            var i = max(0, from)
            while i < min(to, scalars.count) {
                let scalar = scalars[i]
                if scalar.properties.isWhitespace { space = true }
                if scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" { lineBreak = true }
                i += 1
            }
            return (space, lineBreak)
        }
        var indices = [Int](repeating: 0, count: words.count)
        var sentence = 0
        var i = 0
        while i < words.count {
            indices[i] = sentence
            guard i + 1 < words.count else { break }
            let between = gap(words[i].end, words[i + 1].start)
            if between.lineBreak {
                sentence += 1
            } else if terminators.contains(words[i].text), !isAbbreviationDot(words, at: i, text: scalars) {
                // Closing quotes and brackets right after the terminator stay in the ending sentence.
                var last = i
                while last + 1 < words.count, closers.contains(words[last + 1].text),
                      !gap(words[last].end, words[last + 1].start).space {
                    last += 1
                    indices[last] = sentence
                }
                if last + 1 < words.count, gap(words[last].end, words[last + 1].start).space,
                   startsSentence(words[last + 1].text) {
                    for k in i...last { indices[k] = sentence }
                    i = last
                    sentence += 1
                } else if last > i {
                    i = last
                }
            }
            i += 1
        }
        return indices
    }

    /// Whether the word can begin a sentence: an upper-case letter, a digit or an opening quote or bracket first.
    static func startsSentence(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first else { return false }
        return first.properties.isUppercase || first.properties.numericType != nil || openers.contains(word)
    }

    /// A `.` right after a single letter or an abbreviation, with no space before it.
    static func isAbbreviationDot(_ words: [Token], at i: Int, text: [Unicode.Scalar]) -> Bool {
        guard words[i].text == ".", i > 0, words[i - 1].end == words[i].start else { return false }
        let previous = words[i - 1].text
        if previous.unicodeScalars.count == 1, previous.unicodeScalars.first?.properties.isAlphabetic == true { return true }
        return abbreviations.contains(previous.lowercased())
    }
}
