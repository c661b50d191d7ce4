/// The character classes and case mapping of CPython 3 `str`, on code points.
///
/// These are the pieces of Python the official evaluator's `normalize_answer` relies on: `str.lower()` (full
/// case mapping with the Final_Sigma rule), `str.split()` (Python's whitespace set), `string.punctuation`, and the
/// `re` module's Unicode word characters (for `\b`). Character properties come from the Swift runtime's Unicode
/// tables: checked against CPython 3.11 (Unicode 14) over every code point, word characters and lowercase mappings
/// agree on all characters assigned by Unicode 14; characters assigned later behave as in newer Pythons.
enum PythonUnicode {
    /// `string.punctuation`: ``!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~``.
    static func isPunctuation(_ point: UInt32) -> Bool {
        (0x21...0x2F).contains(point) || (0x3A...0x40).contains(point)
            || (0x5B...0x60).contains(point) || (0x7B...0x7E).contains(point)
    }

    /// `str.isspace()` (bidirectional class WS, B or S, or category Zs): the separators `str.split()` uses.
    static func isWhitespace(_ point: UInt32) -> Bool {
        switch point {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            true
        default:
            false
        }
    }

    /// A word character of `re` on `str` patterns: `str.isalnum()` (letters L*, or any numeric type) or `_`.
    static func isWordCharacter(_ point: UInt32) -> Bool {
        if point < 0x80 {
            return (0x30...0x39).contains(point) || (0x41...0x5A).contains(point)
                || (0x61...0x7A).contains(point) || point == 0x5F
        }
        guard let scalar = Unicode.Scalar(point) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return scalar.properties.numericType != nil
        }
    }

    /// `str.lower()`: the full lowercase mapping of each code point, with capital sigma mapped to final
    /// sigma (U+03C2) after a cased letter and not before one (case-ignorable characters skipped), as CPython does.
    static func lower(_ text: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(text.count)
        for (index, point) in text.enumerated() {
            if point < 0x80 {
                result.append((0x41...0x5A).contains(point) ? point + 0x20 : point)
            } else if point == 0x3A3 {
                result.append(isFinalSigma(text, at: index) ? 0x3C2 : 0x3C3)
            } else if let scalar = Unicode.Scalar(point) {
                result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars.map(\.value))
            } else {
                result.append(point)
            }
        }
        return result
    }

    /// CPython's `handle_capital_sigma`: `\p{cased} \p{case-ignorable}* Σ !(\p{case-ignorable}* \p{cased})`.
    private static func isFinalSigma(_ text: [UInt32], at index: Int) -> Bool {
        var before = index - 1
        while before >= 0, isCaseIgnorable(text[before]) { before -= 1 }
        guard before >= 0, isCased(text[before]) else { return false }
        var after = index + 1
        while after < text.count, isCaseIgnorable(text[after]) { after += 1 }
        return after == text.count || !isCased(text[after])
    }

    private static func isCased(_ point: UInt32) -> Bool {
        Unicode.Scalar(point)?.properties.isCased ?? false
    }

    private static func isCaseIgnorable(_ point: UInt32) -> Bool {
        Unicode.Scalar(point)?.properties.isCaseIgnorable ?? false
    }
}
