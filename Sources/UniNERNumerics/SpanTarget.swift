import Foundation

/// A gold span: words `start...end` (inclusive, word indices) are a mention of query `query`.
public struct SpanTarget: Hashable, Codable, Sendable {
    public var query: Int, start: Int, end: Int
    public init(query: Int, start: Int, end: Int) { self.query = query; self.start = start; self.end = end }
}
