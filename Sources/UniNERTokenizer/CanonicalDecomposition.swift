import Foundation

/// Canonical (NFD) decomposition of single Unicode scalars, as the accent-stripping step needs it.
///
/// The table is built once per process, on first use (about 2,000 entries, some tens of milliseconds),
/// from Foundation's `decomposedStringWithCanonicalMapping`; Hangul syllables are decomposed
/// arithmetically. Canonical reordering across neighbouring scalars is not applied: accent stripping
/// drops every nonspacing mark afterwards, and the only marks it keeps with a nonzero combining class
/// (a few musical symbols and Hangul tone marks) never meet in real text.
enum CanonicalDecomposition {
    /// Scalars below this value never decompose.
    static let firstDecomposable: UInt32 = 0xC0

    /// Appends the canonical decomposition of `scalar` (itself when it has none) to `output`.
    @inline(__always)
    static func append(_ scalar: UInt32, to output: inout [UInt32]) {
        if scalar < firstDecomposable {
            output.append(scalar)
        } else if scalar >= 0xAC00 && scalar <= 0xD7A3 {
            // Hangul syllable: L V (T), Unicode §3.12.
            let index = scalar - 0xAC00
            output.append(0x1100 + index / 588)
            output.append(0x1161 + (index % 588) / 28)
            if index % 28 != 0 { output.append(0x11A7 + index % 28) }
        } else if let parts = table[scalar] {
            output.append(contentsOf: parts)
        } else {
            output.append(scalar)
        }
    }

    /// Decomposition of every scalar that has one (Hangul syllables excepted).
    static let table: [UInt32: [UInt32]] = {
        var table: [UInt32: [UInt32]] = [:]
        // Ranges with no canonical decompositions are skipped: CJK unified ideographs, Hangul
        // syllables (arithmetic), surrogates, private use, and the supplementary ideograph planes
        // except the compatibility ideographs at U+2F800.
        let skipped: [ClosedRange<UInt32>] = [
            0x3400...0x9FFF, 0xAC00...0xD7A3, 0xD800...0xF8FF, 0x20000...0x2F7FF,
        ]
        var value = firstDecomposable
        while value < 0x2FA20 {
            if let range = skipped.first(where: { $0.contains(value) }) {
                value = range.upperBound + 1
                continue
            }
            if let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .unassigned {
                let decomposed = String(Character(scalar)).decomposedStringWithCanonicalMapping.unicodeScalars
                if decomposed.count != 1 || decomposed.first != scalar {
                    table[value] = decomposed.map(\.value)
                }
            }
            value += 1
        }
        return table
    }()
}
