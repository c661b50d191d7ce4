/// Writes JSON byte for byte as Python's `json.dumps`/`json.dump` does with its defaults
/// (`ensure_ascii=True`, separators `", "` and `": "`), which is how the official UniNER files were written.
///
/// ```swift
/// PythonJSONWriter.list(["Paris", "café"])   // ["Paris", "caf\u00e9"]
/// PythonJSONWriter.list([])                  // []
/// ```
public enum PythonJSONWriter {
    /// A JSON string literal with Python's `ensure_ascii` escaping: `"`, `\` and the C escapes `\b \f \n \r \t`
    /// by name, every other scalar outside printable ASCII (`0x20...0x7e`) as `\uXXXX` in lowercase hex, and
    /// scalars above U+FFFF as a UTF-16 surrogate pair.
    public static func string(_ value: String) -> String {
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                let code = scalar.value
                if code >= 0x20 && code <= 0x7e {
                    out.unicodeScalars.append(scalar)
                } else if code <= 0xffff {
                    out += "\\u" + hex4(code)
                } else {
                    let offset = code - 0x10000
                    out += "\\u" + hex4(0xd800 + (offset >> 10)) + "\\u" + hex4(0xdc00 + (offset & 0x3ff))
                }
            }
        }
        out += "\""
        return out
    }

    /// `json.dumps(items)` for a list of strings: `["a", "b"]`, or `[]`.
    public static func list(_ items: [String]) -> String {
        "[" + items.map(string).joined(separator: ", ") + "]"
    }

    /// `json.dumps(pairs)` for a list of two-string lists: `[["Paris", "location"], ["Obama", "person"]]`.
    public static func pairs(_ items: [(String, String)]) -> String {
        "[" + items.map { "[" + string($0.0) + ", " + string($0.1) + "]" }.joined(separator: ", ") + "]"
    }

    static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
