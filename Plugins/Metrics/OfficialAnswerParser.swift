/// The official evaluator's `parser`: turns a model answer (or a gold answer) into normalised, de-duplicated items.
///
/// Step by step, as `src/eval/evaluate.py` of universal-ner/universal-ner does it:
/// 1. `re.match(r'\[(.*?)\]', text)`: the text must start with `[`; the match ends at the first `]`, and fails if
///    a line feed comes first (`.` does not match `\n`); no match means the text `[]`.
/// 2. `json.loads` of the matched text (`PythonJSON`). Since the match stops at the first `]`, a mention holding
///    `]`, a nested list, or leading text before the list all give `[]`.
/// 3. Each item is normalised (`SQuADNormalizer`): a string gives `.text`; a list of strings gives `.tuple`.
///    Any other item (number, `true`, `null`, object, list holding a non-string) makes the whole answer `[]`,
///    as the official code's `.lower()` raises and its `except Exception` returns `[]`.
/// 4. Items equal after normalisation are dropped, keeping the first.
///
/// Example: `parse("[\"The Beatles\", \"beatles\", \"U.S.\"]")` is `[.text("beatles"), .text("us")]`.
public enum OfficialAnswerParser {
    /// One normalised answer item.
    public enum Item: Hashable, Sendable {
        /// A string mention, normalised.
        case text(PythonString)
        /// A list item of strings (the official `tuple` branch), each normalised. The regex in step 1 never lets
        /// a nested list through, so only `parse(matchedJSON:)` can produce it.
        case tuple([PythonString])
    }

    /// Parses a model's raw answer text.
    public static func parse(_ text: String) -> [Item] {
        parse(PythonString(text))
    }

    /// Parses an answer given as code points.
    public static func parse(_ text: PythonString) -> [Item] {
        parse(matchedJSON: firstList(in: text) ?? PythonString(codePoints: [0x5B, 0x5D]))
    }

    /// The official `get_response` of `src/utils.py`, applied to every model output before evaluation: the text
    /// after the last `ASSISTANT:`, stripped of Python whitespace (`str.strip()`). Applying it twice changes nothing.
    public static func cleanResponse(_ text: PythonString) -> PythonString {
        let marker: [UInt32] = Array("ASSISTANT:".unicodeScalars.map(\.value))
        var points = text.codePoints[...]
        if let last = points.indices.last(where: { points[$0...].starts(with: marker) }) {
            points = points[(last + marker.count)...]
        }
        let start = points.firstIndex { !PythonUnicode.isWhitespace($0) } ?? points.endIndex
        let end = points.lastIndex { !PythonUnicode.isWhitespace($0) }.map { $0 + 1 } ?? start
        return PythonString(codePoints: Array(points[start..<max(start, end)]))
    }

    /// Parses a model output as the official pipeline does: `cleanResponse` (when `clean` is set), then `parse`;
    /// no prediction is scored as `[]`.
    public static func prediction(_ text: String?, clean: Bool) -> [Item] {
        guard let text else { return [] }
        let raw = PythonString(text)
        return parse(clean ? cleanResponse(raw) : raw)
    }

    /// The gold items of a query: its answers written as the official test files write them
    /// (`json.dumps(answers)`), then parsed like a prediction. A gold mention holding `]` thus empties the query's
    /// gold list, exactly as it would in the official evaluation.
    public static func gold(_ answers: [String]) -> [Item] {
        parse(PythonJSON.encode(answers.map { PythonString($0) }))
    }

    /// `re.match(r'\[(.*?)\]', text).group()`, or `nil` when the pattern does not match.
    public static func firstList(in text: PythonString) -> PythonString? {
        let points = text.codePoints
        guard points.first == 0x5B else { return nil }
        guard let end = points.dropFirst().firstIndex(where: { $0 == 0x5D || $0 == 0x0A }), points[end] == 0x5D
        else { return nil }
        return PythonString(codePoints: Array(points[...end]))
    }

    /// Steps 2 to 4 on text that has already been cut by the regex. Like Python's `for item in items`, a
    /// top-level string gives its characters and an object its keys (unreachable after the regex).
    public static func parse(matchedJSON text: PythonString) -> [Item] {
        let values: [PythonJSON.Value]
        switch try? PythonJSON.decode(text) {
        case .array(let array)?:
            values = array
        case .string(let string)?:
            values = string.codePoints.map { .string(PythonString(codePoints: [$0])) }
        case .object(let pairs)?:
            values = pairs.map { .string($0.key) }
        default:
            return []
        }
        var items: [Item] = []
        var seen: Set<Item> = []
        for value in values {
            let item: Item
            switch value {
            case .string(let string):
                item = .text(SQuADNormalizer.normalize(string))
            case .array(let elements):
                var strings: [PythonString] = []
                for element in elements {
                    guard case .string(let string) = element else { return [] }
                    strings.append(SQuADNormalizer.normalize(string))
                }
                item = .tuple(strings)
            default:
                return []
            }
            if seen.insert(item).inserted {
                items.append(item)
            }
        }
        return items
    }
}
