/// The official evaluator's `normalize_answer`: SQuAD-style normalisation of one mention.
///
/// In the official order: `str.lower()`, drop every character of `string.punctuation`, replace each match of
/// `\b(a|an|the)\b` by a space (word boundaries on the text after punctuation removal, Unicode word characters),
/// then split on Python whitespace and join with single spaces.
///
/// Example: `normalize("The U.S.-based  A-Team")` is `"usbased ateam"`.
public enum SQuADNormalizer {
    /// Normalises a mention as the official evaluator does.
    public static func normalize(_ text: PythonString) -> PythonString {
        let lowered = PythonUnicode.lower(text.codePoints)
        let unpunctuated = lowered.filter { !PythonUnicode.isPunctuation($0) }
        let withoutArticles = removeArticles(unpunctuated)
        return PythonString(codePoints: Array(words(of: withoutArticles).joined(separator: [0x20])))
    }

    /// `str.split()` with no separator: the maximal runs of non-whitespace code points.
    static func words(of text: [UInt32]) -> [ArraySlice<UInt32>] {
        text.split(whereSeparator: PythonUnicode.isWhitespace)
    }

    /// `re.sub(r'\b(a|an|the)\b', ' ', text)`: scans left to right, trying `a`, then `an`, then `the` at each
    /// position; a match resumes the scan after it.
    static func removeArticles(_ text: [UInt32]) -> [UInt32] {
        let articles: [[UInt32]] = [[0x61], [0x61, 0x6E], [0x74, 0x68, 0x65]]
        func isBoundary(_ position: Int) -> Bool {
            let before = position > 0 && PythonUnicode.isWordCharacter(text[position - 1])
            let after = position < text.count && PythonUnicode.isWordCharacter(text[position])
            return before != after
        }
        var result: [UInt32] = []
        result.reserveCapacity(text.count)
        var position = 0
        scan: while position < text.count {
            if isBoundary(position) {
                for article in articles where text[position...].starts(with: article)
                    && isBoundary(position + article.count) {
                    result.append(0x20)
                    position += article.count
                    continue scan
                }
            }
            result.append(text[position])
            position += 1
        }
        return result
    }
}
