/// One entity of a response, with GLiNER's field names; offsets count Unicode scalars, end exclusive.
public struct ServedEntity: Codable, Sendable, Equatable {
    public var text: String
    public var label: String
    public var start: Int
    public var end: Int
    public var score: Double?
}
