/// A JSON reader and writer with the semantics of CPython's `json` module (`json.loads`, `json.dumps`).
///
/// Differences from Foundation's `JSONSerialization` that matter to the official evaluator: Python accepts
/// `NaN`, `Infinity` and `-Infinity`; it rejects raw control characters (U+0000...U+001F) inside strings; it keeps
/// an unpaired `\uD83D` escape as a lone surrogate; and it accepts only space, tab, LF and CR as whitespace.
///
/// Example: `try PythonJSON.decode(PythonString(#"["a\u00e9"]"#))` is `.array([.string("aé")])`.
public enum PythonJSON {
    /// A decoded JSON value. Numbers keep their literal text; objects keep their pairs in order.
    public indirect enum Value: Hashable, Sendable {
        case string(PythonString)
        case number(String)
        case bool(Bool)
        case null
        case array([Value])
        case object([Pair])
    }

    /// One member of a JSON object.
    public struct Pair: Hashable, Sendable {
        public var key: PythonString
        public var value: Value

        public init(key: PythonString, value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// Why `json.loads` would raise `JSONDecodeError` (or `RecursionError`), with the code-point offset.
    public struct DecodeError: Error, Hashable, Sendable {
        public var message: String
        public var offset: Int
    }

    /// Nesting deeper than this fails, as CPython's recursion limit makes `json.loads` fail.
    public static let maximumDepth = 900

    /// `json.loads(text)`: one value, surrounded by optional whitespace.
    /// - Throws: `DecodeError` where Python raises.
    public static func decode(_ text: PythonString) throws -> Value {
        var reader = Reader(text: text.codePoints)
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.position == reader.text.count else { throw reader.error("Extra data") }
        return value
    }

    /// `json.dumps(strings)` with the defaults (`ensure_ascii=True`, separators `", "`): the form of the gold
    /// answers in the official UniNER test files, e.g. `["Caf\u00e9", "New York"]`.
    public static func encode(_ strings: [PythonString]) -> PythonString {
        var out: [UInt32] = [0x5B]
        for (index, string) in strings.enumerated() {
            if index > 0 { out += [0x2C, 0x20] }
            out.append(0x22)
            for point in string.codePoints {
                switch point {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                case 0x0A: out += [0x5C, 0x6E]
                case 0x0D: out += [0x5C, 0x72]
                case 0x09: out += [0x5C, 0x74]
                case 0x08: out += [0x5C, 0x62]
                case 0x0C: out += [0x5C, 0x66]
                case 0x20...0x7E: out.append(point)
                case 0x10000...:
                    let offset = point - 0x10000
                    out += unicodeEscape(0xD800 | (offset >> 10)) + unicodeEscape(0xDC00 | (offset & 0x3FF))
                default: out += unicodeEscape(point)
                }
            }
            out.append(0x22)
        }
        out.append(0x5D)
        return PythonString(codePoints: out)
    }

    private static func unicodeEscape(_ unit: UInt32) -> [UInt32] {
        let hex = Array("0123456789abcdef".unicodeScalars.map(\.value))
        return [0x5C, 0x75] + [12, 8, 4, 0].map { hex[Int((unit >> UInt32($0)) & 0xF)] }
    }

    /// A cursor over the code points, mirroring the C scanner of CPython's `_json` module.
    private struct Reader {
        let text: [UInt32]
        var position = 0

        init(text: [UInt32]) {
            self.text = text
        }

        func error(_ message: String) -> DecodeError {
            DecodeError(message: message, offset: position)
        }

        func peek(_ offset: Int = 0) -> UInt32? {
            position + offset < text.count ? text[position + offset] : nil
        }

        mutating func skipWhitespace() {
            while let point = peek(), point == 0x20 || point == 0x09 || point == 0x0A || point == 0x0D {
                position += 1
            }
        }

        mutating func consume(_ literal: String) -> Bool {
            let points = literal.unicodeScalars.map(\.value)
            guard text[position...].starts(with: points) else { return false }
            position += points.count
            return true
        }

        mutating func value(depth: Int) throws -> Value {
            guard depth < PythonJSON.maximumDepth else { throw error("maximum recursion depth exceeded") }
            guard let point = peek() else { throw error("Expecting value") }
            switch point {
            case 0x22:
                position += 1
                return .string(try string())
            case 0x5B:
                position += 1
                return try array(depth: depth)
            case 0x7B:
                position += 1
                return try object(depth: depth)
            case 0x6E where consume("null"): return .null
            case 0x74 where consume("true"): return .bool(true)
            case 0x66 where consume("false"): return .bool(false)
            case 0x4E where consume("NaN"): return .number("NaN")
            case 0x49 where consume("Infinity"): return .number("Infinity")
            case 0x2D where peek(1) == 0x49:
                guard consume("-Infinity") else { throw error("Expecting value") }
                return .number("-Infinity")
            default:
                return try number()
            }
        }

        /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`; a fraction or exponent without digits is left unread.
        mutating func number() throws -> Value {
            let start = position
            func isDigit(_ point: UInt32?) -> Bool { point.map { (0x30...0x39).contains($0) } ?? false }
            if peek() == 0x2D { position += 1 }
            if peek() == 0x30 {
                position += 1
            } else if isDigit(peek()) {
                while isDigit(peek()) { position += 1 }
            } else {
                position = start
                throw error("Expecting value")
            }
            if peek() == 0x2E, isDigit(peek(1)) {
                position += 1
                while isDigit(peek()) { position += 1 }
            }
            if let e = peek(), e == 0x65 || e == 0x45 {
                var end = position + 1
                if end < text.count, text[end] == 0x2B || text[end] == 0x2D { end += 1 }
                if end < text.count, isDigit(text[end]) {
                    position = end
                    while isDigit(peek()) { position += 1 }
                }
            }
            return .number(String(String.UnicodeScalarView(text[start..<position].compactMap(Unicode.Scalar.init))))
        }

        /// The body of a string after its opening quote, through the closing quote (`strict=True`).
        mutating func string() throws -> PythonString {
            var out: [UInt32] = []
            while true {
                guard let point = peek() else { throw error("Unterminated string starting at") }
                position += 1
                switch point {
                case 0x22:
                    return PythonString(codePoints: out)
                case 0x5C:
                    out.append(try escape())
                case 0x00...0x1F:
                    position -= 1
                    throw error("Invalid control character at")
                default:
                    out.append(point)
                }
            }
        }

        /// One escape after its backslash; a high surrogate escape followed by a low one gives one code point.
        mutating func escape() throws -> UInt32 {
            guard let point = peek() else { throw error("Unterminated string starting at") }
            position += 1
            switch point {
            case 0x22: return 0x22
            case 0x5C: return 0x5C
            case 0x2F: return 0x2F
            case 0x62: return 0x08
            case 0x66: return 0x0C
            case 0x6E: return 0x0A
            case 0x72: return 0x0D
            case 0x74: return 0x09
            case 0x75:
                let unit = try hexQuad()
                guard (0xD800...0xDBFF).contains(unit), peek() == 0x5C, peek(1) == 0x75 else { return unit }
                let saved = position
                position += 2
                let low = try hexQuad()
                guard (0xDC00...0xDFFF).contains(low) else {
                    position = saved
                    return unit
                }
                return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            default:
                position -= 1
                throw error("Invalid \\escape")
            }
        }

        mutating func hexQuad() throws -> UInt32 {
            var unit: UInt32 = 0
            for _ in 0..<4 {
                guard let point = peek() else { throw error("Invalid \\uXXXX escape") }
                let digit: UInt32
                switch point {
                case 0x30...0x39: digit = point - 0x30
                case 0x41...0x46: digit = point - 0x41 + 10
                case 0x61...0x66: digit = point - 0x61 + 10
                default: throw error("Invalid \\uXXXX escape")
                }
                unit = unit << 4 | digit
                position += 1
            }
            return unit
        }

        /// The rest of an array after `[`.
        mutating func array(depth: Int) throws -> Value {
            var items: [Value] = []
            skipWhitespace()
            if peek() == 0x5D {
                position += 1
                return .array(items)
            }
            while true {
                items.append(try value(depth: depth + 1))
                skipWhitespace()
                switch peek() {
                case 0x5D:
                    position += 1
                    return .array(items)
                case 0x2C:
                    position += 1
                    skipWhitespace()
                default:
                    throw error("Expecting ',' delimiter")
                }
            }
        }

        /// The rest of an object after `{`.
        mutating func object(depth: Int) throws -> Value {
            var pairs: [Pair] = []
            skipWhitespace()
            if peek() == 0x7D {
                position += 1
                return .object(pairs)
            }
            while true {
                guard peek() == 0x22 else { throw error("Expecting property name enclosed in double quotes") }
                position += 1
                let key = try string()
                skipWhitespace()
                guard peek() == 0x3A else { throw error("Expecting ':' delimiter") }
                position += 1
                skipWhitespace()
                pairs.append(Pair(key: key, value: try value(depth: depth + 1)))
                skipWhitespace()
                switch peek() {
                case 0x7D:
                    position += 1
                    return .object(pairs)
                case 0x2C:
                    position += 1
                    skipWhitespace()
                default:
                    throw error("Expecting ',' delimiter")
                }
            }
        }
    }
}
