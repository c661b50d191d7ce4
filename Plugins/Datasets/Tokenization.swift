import UniNERCore

/// Word tokens of raw text, for formats that give text and character spans rather than tokens.
enum Tokenization {
    /// Splits `text` on Unicode whitespace; offsets count Unicode scalars.
    static func whitespaceTokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = String.UnicodeScalarView()
        var start = 0
        var offset = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                if !current.isEmpty {
                    tokens.append(Token(text: String(current), start: start, end: offset))
                    current = String.UnicodeScalarView()
                }
            } else {
                if current.isEmpty { start = offset }
                current.append(scalar)
            }
            offset += 1
        }
        if !current.isEmpty { tokens.append(Token(text: String(current), start: start, end: offset)) }
        return tokens
    }

    /// The token range `[first, last]` exactly covering the character span, if it falls on token boundaries.
    static func tokenRange(start: Int, end: Int, in tokens: [Token]) -> Range<Int>? {
        guard let first = tokens.firstIndex(where: { $0.start == start }),
              let last = tokens[first...].firstIndex(where: { $0.end == end }) else { return nil }
        return first..<(last + 1)
    }

    /// An entity from a character span of a sentence text, with token indices when it is token-aligned.
    static func entity(text: String, scalars: [Unicode.Scalar], tokens: [Token], start: Int, end: Int,
                       type: String) -> EntitySpan {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        let range = tokenRange(start: start, end: end, in: tokens)
        return EntitySpan(text: String(view), type: type, start: start, end: end,
                          tokenStart: range?.lowerBound, tokenEnd: range?.upperBound)
    }
}
