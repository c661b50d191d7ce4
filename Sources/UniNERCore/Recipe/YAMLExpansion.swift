// The libyaml that Yams builds; its event API is not re-exported by Yams, and it is the only way to measure a
// document before it is composed (composing hashes mapping keys, which already expands aliases).
internal import CYaml

/// Measures how many values a YAML text expands to once aliases are resolved, from libyaml's event stream, in
/// time and memory linear in the text.
enum YAMLExpansion {
    /// Where the count went past `limit`, when it did.
    struct Overflow: Equatable {
        var line: Int
        var column: Int
    }

    /// The first place where the expanded value count exceeds `limit`, or nil when it stays within it (or the
    /// text is malformed, which the composer then reports).
    static func overflow(in text: String, limit: Int) -> Overflow? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Overflow? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var anchors: [String: Int] = [:]
            // Open collections: their anchor and the values counted in them so far (themselves included).
            var open: [(anchor: String?, size: Int)] = []
            var total = 0
            func add(_ size: Int) {
                if open.isEmpty { total = min(total + size, limit + 1) } else {
                    open[open.count - 1].size = min(open[open.count - 1].size + size, limit + 1)
                }
            }
            func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                pointer.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            }
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                let mark = Overflow(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SCALAR_EVENT:
                    if let anchor = name(event.data.scalar.anchor) { anchors[anchor] = 1 }
                    add(1)
                case YAML_ALIAS_EVENT:
                    add(name(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1)
                case YAML_SEQUENCE_START_EVENT:
                    open.append((name(event.data.sequence_start.anchor), 1))
                case YAML_MAPPING_START_EVENT:
                    open.append((name(event.data.mapping_start.anchor), 1))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let closed = open.popLast() else { return nil }
                    if let anchor = closed.anchor { anchors[anchor] = closed.size }
                    add(closed.size)
                default:
                    continue
                }
                if total > limit || (open.last.map { $0.size > limit } ?? false) { return mark }
            }
        }
    }
}
