/// What a stage did, for the run folder and the report: named counts (requests, cache hits, unparseable
/// outputs, unaligned mentions...), timings and free-text notes.
public struct StageReport: Codable, Sendable, Hashable {
    public var counters: [String: Double]
    public var notes: [String]
    /// Why the stage's output is not complete (e.g. passages the teacher failed on): the run uses it, but it is
    /// not cached, so the next run computes the stage again. Nil for a complete stage.
    public var incomplete: String?
    /// Tables for the report (absent in stage records written before there were any).
    public var tables: [ReportTable]?

    public init(counters: [String: Double] = [:], notes: [String] = [], tables: [ReportTable]? = nil) {
        self.counters = counters
        self.notes = notes
        self.tables = tables
    }

    public mutating func add(_ name: String, _ amount: Double = 1) {
        counters[name, default: 0] += amount
    }

    public subscript(name: String) -> Double { counters[name] ?? 0 }

    /// Sums the counters of another report into this one and appends its notes.
    public mutating func merge(_ other: StageReport) {
        for (name, value) in other.counters { counters[name, default: 0] += value }
        notes += other.notes
        if let more = other.tables { tables = (tables ?? []) + more }
    }
}
