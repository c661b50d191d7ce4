/// A passage of raw text that the teacher annotates (at most N tokens after chunking).
public struct Passage: Codable, Sendable, Hashable {
    public var id: String
    public var text: String
    /// Where it came from (file, dataset name), for reports.
    public var source: String?

    public init(id: String, text: String, source: String? = nil) {
        self.id = id
        self.text = text
        self.source = source
    }
}
