/// Splits a text into words the way the student sees it: runs of non-space characters, with every
/// punctuation character a word of its own (as BERT's basic tokenizer does). Offsets are Unicode scalars.
///
/// ```swift
/// WordSplitter.words(in: "Paris, France.")   // "Paris" 0..<5, "," 5..<6, "France" 7..<13, "." 13..<14
/// ```
public enum WordSplitter {
    /// The words of `text` with their Unicode-scalar offsets (end exclusive).
    /// - Complexity: O(n) in the number of scalars.
    public static func words(in text: String) -> [Token] {
        var words: [Token] = []
        var current = String.UnicodeScalarView()
        var start = 0
        var offset = 0
        func flush() {
            if !current.isEmpty { words.append(Token(text: String(current), start: start, end: offset)) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar.value == 0 {
                flush()
            } else if isPunctuation(scalar) {
                flush()
                words.append(Token(text: String(scalar), start: offset, end: offset + 1))
            } else {
                if current.isEmpty { start = offset }
                current.append(scalar)
            }
            offset += 1
        }
        flush()
        return words
    }

    /// The word texts only.
    public static func wordTexts(in text: String) -> [String] { words(in: text).map(\.text) }

    /// ASCII symbols and Unicode punctuation (categories P*), as BERT's `_is_punctuation`.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) { return true }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}
