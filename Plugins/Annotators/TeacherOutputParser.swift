import UniNERCore

/// Reads a teacher's answer in the paper's format, `[("entity 1", "type of entity 1"), ... ]`, tolerating
/// what real LLMs emit around and inside it.
///
/// Accepted, in order of preference:
/// - the first bracketed list that holds at least one pair: Python tuples or lists (`("Paris", "city")`,
///   `['Paris', 'city']`), JSON arrays of pairs (`[["Paris", "city"]]`), or JSON objects with an entity key
///   (`entity`, `name`, `text`, `mention`, `span`) and a type key (`type`, `entity_type`, `label`, `category`,
///   `definition`);
/// - anywhere in the text, loose tuples (`1. ("Paris", "city")`), which also recovers the complete pairs of
///   a list cut off by `max_tokens`;
/// - an empty list `[]` (a valid answer with no entities).
///
/// Leading and trailing prose and Markdown code fences are ignored; strings may use single, double or curly
/// quotes, backslash escapes (`\"`, `\'`, `\n`, `\uXXXX`), and an unescaped apostrophe inside a word
/// (`'Macy's'`) when the quote is not followed by `,`, `)`, `]`, `}` or `:`. An answer whose quotes are all
/// backslash-escaped (`[(\"Paris\", \"city\")]`) is unescaped once. Anything else is unparseable (`nil`).
///
/// Items after the first two of a tuple are ignored; items that are not pairs of strings are skipped.
public enum TeacherOutputParser {
    /// The (mention, type) pairs of `output`, in order, untrimmed of duplicates; `nil` when unparseable.
    public static func parse(_ output: String) -> [Mention]? {
        let unfenced = stripCodeFences(output)
        if let mentions = parseCandidate(unfenced) { return mentions }
        if unfenced.contains("\\\"") || unfenced.contains("\\'") {
            let unescaped = unfenced.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\'", with: "'")
            if let mentions = parseCandidate(unescaped) { return mentions }
        }
        return nil
    }

    // MARK: - Strategies

    private static func parseCandidate(_ text: String) -> [Mention]? {
        let scalars = Array(text.unicodeScalars)
        var sawEmptyList = false
        // 1. The first bracketed list with pairs.
        for start in scalars.indices where scalars[start] == "[" {
            var scanner = LiteralScanner(scalars: scalars, position: start)
            guard case .sequence(let items)? = scanner.value() else { continue }
            let pairs = items.compactMap(pair)
            if !pairs.isEmpty { return pairs }
            if items.isEmpty { sawEmptyList = true }
        }
        // 2. Loose tuples anywhere.
        var pairs: [Mention] = []
        var position = 0
        while position < scalars.count {
            if scalars[position] == "(" {
                var scanner = LiteralScanner(scalars: scalars, position: position)
                if let value = scanner.value(), let found = pair(value) {
                    pairs.append(found)
                    position = scanner.position
                    continue
                }
            }
            position += 1
        }
        if !pairs.isEmpty { return pairs }
        // 3. An empty list.
        return sawEmptyList ? [] : nil
    }

    /// A (mention, type) pair from one list item, when it is one.
    private static func pair(_ value: LiteralValue) -> Mention? {
        switch value {
        case .sequence(let items) where items.count >= 2:
            guard case .string(let text) = items[0], case .string(let type) = items[1] else { return nil }
            return Mention(text: text.trimmingCharacters(in: .whitespacesAndNewlines),
                           type: type.trimmingCharacters(in: .whitespacesAndNewlines))
        case .object(let fields):
            let entityKeys = ["entity", "name", "text", "mention", "span"]
            let typeKeys = ["type", "entity_type", "label", "category", "definition"]
            func field(_ keys: [String]) -> String? {
                for key in keys {
                    if let match = fields.first(where: { $0.key.lowercased() == key }), case .string(let text) = match.value {
                        return text
                    }
                }
                return nil
            }
            guard let text = field(entityKeys), let type = field(typeKeys) else { return nil }
            return Mention(text: text.trimmingCharacters(in: .whitespacesAndNewlines),
                           type: type.trimmingCharacters(in: .whitespacesAndNewlines))
        default:
            return nil
        }
    }

    /// Drops Markdown fence lines (```` ``` ```` and ```` ```python ````).
    static func stripCodeFences(_ text: String) -> String {
        guard text.contains("```") else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("```") }
            .joined(separator: "\n")
    }
}

/// A value of the tolerant Python/JSON literal grammar.
enum LiteralValue: Equatable {
    case string(String)
    /// A list or a tuple.
    case sequence([LiteralValue])
    case object([(key: String, value: LiteralValue)])
    /// A number, `None`, `null`, a bare word.
    case other

    static func == (lhs: LiteralValue, rhs: LiteralValue) -> Bool {
        switch (lhs, rhs) {
        case (.string(let a), .string(let b)): a == b
        case (.sequence(let a), .sequence(let b)): a == b
        case (.object(let a), .object(let b)): a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        case (.other, .other): true
        default: false
        }
    }
}

/// A recursive-descent reader of Python/JSON literals over Unicode scalars that forgives missing commas,
/// trailing commas and unescaped inner quotes.
struct LiteralScanner {
    let scalars: [Unicode.Scalar]
    var position: Int
    private var depth = 0

    init(scalars: [Unicode.Scalar], position: Int) {
        self.scalars = scalars
        self.position = position
    }

    private static let openingQuotes: [Unicode.Scalar: Unicode.Scalar] = [
        "\"": "\"", "'": "'", "\u{201C}": "\u{201D}", "\u{2018}": "\u{2019}",
    ]
    private static let closers: Set<Unicode.Scalar> = [",", ")", "]", "}", ":"]

    /// The value at the current position, or `nil` when it is not well formed (an unclosed bracket or string).
    mutating func value() -> LiteralValue? {
        skipSpace()
        guard position < scalars.count, depth < 64 else { return nil }
        let c = scalars[position]
        switch c {
        case "[": return sequence(closing: "]")
        case "(": return sequence(closing: ")")
        case "{": return object()
        default:
            if let close = Self.openingQuotes[c] { return string(closing: close) }
            return bare()
        }
    }

    private mutating func sequence(closing: Unicode.Scalar) -> LiteralValue? {
        position += 1
        depth += 1
        defer { depth -= 1 }
        var items: [LiteralValue] = []
        while true {
            skipSpace()
            guard position < scalars.count else { return nil }
            if scalars[position] == closing { position += 1; return .sequence(items) }
            if scalars[position] == "," { position += 1; continue }
            if scalars[position] == "]" || scalars[position] == ")" || scalars[position] == "}" { return nil }
            let before = position
            guard let item = value() else { return nil }
            items.append(item)
            if position == before { return nil }
        }
    }

    private mutating func object() -> LiteralValue? {
        position += 1
        depth += 1
        defer { depth -= 1 }
        var fields: [(key: String, value: LiteralValue)] = []
        while true {
            skipSpace()
            guard position < scalars.count else { return nil }
            if scalars[position] == "}" { position += 1; return .object(fields) }
            if scalars[position] == "," { position += 1; continue }
            guard case .string(let key)? = value() else { return nil }
            skipSpace()
            guard position < scalars.count, scalars[position] == ":" else { return nil }
            position += 1
            guard let item = value() else { return nil }
            fields.append((key, item))
        }
    }

    private mutating func string(closing: Unicode.Scalar) -> LiteralValue? {
        position += 1
        var text = String.UnicodeScalarView()
        while position < scalars.count {
            let c = scalars[position]
            if c == "\\", position + 1 < scalars.count {
                let next = scalars[position + 1]
                position += 2
                switch next {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "r": text.append("\r")
                case "u":
                    if let (scalar, length) = unicodeEscape(at: position) {
                        text.append(scalar)
                        position += length
                    } else {
                        text.append("u")
                    }
                default: text.append(next)
                }
                continue
            }
            if c == closing {
                var look = position + 1
                while look < scalars.count, scalars[look] == " " || scalars[look] == "\t" { look += 1 }
                if look >= scalars.count || Self.closers.contains(scalars[look]) || scalars[look] == "\n" {
                    position += 1
                    return .string(String(text))
                }
            }
            text.append(c)
            position += 1
        }
        return nil
    }

    /// `XXXX` (and a following `\uXXXX` low surrogate) after a `\u`: the scalar and the scalars consumed.
    private func unicodeEscape(at index: Int) -> (Unicode.Scalar, Int)? {
        func hex(_ at: Int) -> UInt32? {
            guard at + 4 <= scalars.count else { return nil }
            return UInt32(String(String.UnicodeScalarView(scalars[at..<at + 4])), radix: 16)
        }
        guard let high = hex(index) else { return nil }
        if (0xD800...0xDBFF).contains(high), index + 10 <= scalars.count, scalars[index + 4] == "\\", scalars[index + 5] == "u",
           let low = hex(index + 6), (0xDC00...0xDFFF).contains(low),
           let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) {
            return (scalar, 10)
        }
        guard let scalar = Unicode.Scalar(high) else { return nil }
        return (scalar, 4)
    }

    private mutating func bare() -> LiteralValue? {
        let start = position
        while position < scalars.count {
            let c = scalars[position]
            if Self.closers.contains(c) || c == "]" || c == ")" || c == "(" || c == "[" || c == "{" { break }
            if Self.openingQuotes[c] != nil { break }
            position += 1
        }
        return position > start ? .other : nil
    }

    private mutating func skipSpace() {
        while position < scalars.count, scalars[position].properties.isWhitespace { position += 1 }
    }
}
