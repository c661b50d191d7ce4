import UniNERCore

/// What to do with a tag that is neither `O` nor `B-TYPE`/`I-TYPE`.
public enum UnknownTagPolicy: String, Codable, Sendable, CaseIterable {
    case error
    /// Read it as `O` (for sources with a few known stray tags, such as E-NER's `P`).
    case outside
}

/// Turns a sentence's tag sequence into entity token ranges; reads IOB2 (BIO) and IOB1 alike.
///
/// `B-X` always starts an entity; `I-X` continues an open entity of type `X` and otherwise starts one. For IOB2
/// this is conlleval's reading of a stray `I-`; for IOB1 (E-NER), where entities start with `I-` and `B-` only
/// separates two adjacent entities of one type, it is the definition. So `I-X I-X B-X O I-Y` gives
/// `[0, 2) X`, `[2, 3) X`, `[4, 5) Y`.
public struct TagDecoder: Sendable {
    public var unknownTags: UnknownTagPolicy
    /// Reproduces the official UniNER conversion, which never flushed an entity ending at the sentence's last
    /// token (see the CrossNER comparison in the tests). Off by default.
    public var dropFinalEntity: Bool

    public init(unknownTags: UnknownTagPolicy = .error, dropFinalEntity: Bool = false) {
        self.unknownTags = unknownTags
        self.dropFinalEntity = dropFinalEntity
    }

    /// One parsed tag.
    enum Tag: Equatable {
        case outside
        case begin(String)
        case inside(String)
    }

    /// Parses `O`, `B-TYPE`, `I-TYPE` (the type may itself contain `-`).
    func parse(_ tag: String) -> Tag? {
        if tag == "O" { return .outside }
        let utf8 = tag.utf8
        guard utf8.count > 2 else { return nil }
        var iterator = utf8.makeIterator()
        let first = iterator.next(), second = iterator.next()
        guard second == UInt8(ascii: "-") || second == UInt8(ascii: "_") else { return nil }
        let type = String(tag.dropFirst(2))
        switch first {
        case UInt8(ascii: "B"): return .begin(type)
        case UInt8(ascii: "I"): return .inside(type)
        default: return nil
        }
    }

    /// One decoded entity: its token range and its type as the source writes it.
    struct Decoded {
        var tokens: Range<Int>
        var type: String
    }

    /// Decodes tags into entities in order.
    /// - Parameters:
    ///   - tags: one tag per token.
    ///   - lines: the line number of each tag, for errors.
    /// - Throws: `DataError` at the tag's line for an unknown tag under `.error`.
    func decode(_ tags: [String], lines: [Int], file: DataFile) throws -> [Decoded] {
        var result: [Decoded] = []
        var openStart = 0
        var openType: String?
        for (index, raw) in tags.enumerated() {
            var tag = parse(raw)
            if tag == nil {
                switch unknownTags {
                case .error:
                    throw file.error(line: lines[index], "unknown tag '\(raw)'",
                                     help: "tags must be O, B-TYPE or I-TYPE")
                case .outside:
                    tag = .outside
                }
            }
            switch tag! {
            case .outside:
                if let type = openType { result.append(Decoded(tokens: openStart..<index, type: type)) }
                openType = nil
            case .begin(let type):
                if let open = openType { result.append(Decoded(tokens: openStart..<index, type: open)) }
                openStart = index
                openType = type
            case .inside(let type):
                if openType == type { continue }
                if let open = openType { result.append(Decoded(tokens: openStart..<index, type: open)) }
                openStart = index
                openType = type
            }
        }
        if let type = openType, !dropFinalEntity { result.append(Decoded(tokens: openStart..<tags.count, type: type)) }
        return result
    }
}
