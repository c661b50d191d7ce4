/// What the paper's benchmark (Tab. 6) says of one dataset, and where its files come from.
public struct BenchmarkDatasetInfo: Codable, Sendable, Hashable {
    /// The folder name under `UNINER_DATA` (`CrossNER_AI`, `conll2003`).
    public var name: String
    /// One of the paper's 9 domains (general, biomed, clinical, STEM, programming, social media, law, finance, transport).
    public var domain: String
    /// The file format plugin that reads it.
    public var format: String
    /// Where to obtain the data.
    public var source: String
    /// The label set in natural language.
    public var labels: [String]

    public init(name: String, domain: String, format: String, source: String, labels: [String]) {
        self.name = name
        self.domain = domain
        self.format = format
        self.source = source
        self.labels = labels
    }
}
