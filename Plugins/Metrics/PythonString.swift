/// A Python `str`: a sequence of code points, lone surrogates included.
///
/// Python's `json.loads` turns an unpaired `\ud83d` escape into a lone surrogate, which a Swift `String` cannot
/// hold; the official evaluator compares such strings code point by code point, so the metrics do the same.
///
/// Example: `PythonString("Café").codePoints == [0x43, 0x61, 0x66, 0xE9]`.
public struct PythonString: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The code points, each in `0...0x10FFFF`; surrogates (`0xD800...0xDFFF`) may appear unpaired.
    public var codePoints: [UInt32]

    public init(codePoints: [UInt32]) {
        self.codePoints = codePoints
    }

    public init(_ string: String) {
        codePoints = string.unicodeScalars.map(\.value)
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The text as a Swift string, each lone surrogate replaced by U+FFFD.
    public var description: String {
        var scalars = String.UnicodeScalarView()
        for point in codePoints {
            scalars.append(Unicode.Scalar(point) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}
