import UniNERCore
import UniNERDatasets

/// How good the teacher was on the passages a person reviewed: per label, the teacher's spans, the reviewed
/// spans and those that agree exactly (start, end and label), hence precision, recall and F1.
public struct TeacherAgreement: Sendable, Equatable {
    public struct Counts: Sendable, Equatable {
        public var teacher = 0
        public var reviewed = 0
        public var correct = 0

        public var precision: Double { teacher == 0 ? 0 : Double(correct) / Double(teacher) }
        public var recall: Double { reviewed == 0 ? 0 : Double(correct) / Double(reviewed) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    /// Per label, in order of first appearance.
    public private(set) var labels: [String] = []
    public private(set) var counts: [String: Counts] = [:]
    public private(set) var passages = 0

    public init() {}

    /// Adds one reviewed passage: the teacher's spans against the reviewer's.
    public mutating func add(teacher: [CharacterSpanRecord.Span], reviewed: [CharacterSpanRecord.Span]) {
        passages += 1
        let agreed = Set(teacher).intersection(reviewed)
        for span in teacher { bump(span.label) { $0.teacher += 1 } }
        for span in reviewed { bump(span.label) { $0.reviewed += 1 } }
        for span in agreed { bump(span.label) { $0.correct += 1 } }
    }

    /// Every label together (micro average).
    public var total: Counts {
        counts.values.reduce(into: Counts()) { sum, item in
            sum.teacher += item.teacher
            sum.reviewed += item.reviewed
            sum.correct += item.correct
        }
    }

    /// The report's table: one row per label, then all labels.
    public func table(teacher name: String) -> ReportTable {
        func row(_ label: String, _ c: Counts) -> [String] {
            [label, String(c.teacher), String(c.reviewed), String(c.correct), percent(c.precision), percent(c.recall), percent(c.f1)]
        }
        return ReportTable(
            title: "Teacher '\(name)' against \(passages) reviewed passage\(passages == 1 ? "" : "s")",
            header: ["label", "teacher spans", "reviewed spans", "agreeing", "precision", "recall", "F1"],
            rows: labels.compactMap { label in counts[label].map { row(label, $0) } } + [row("all (micro)", total)],
            caption: "A teacher span agrees when a reviewed span has the same start, end and label.")
    }

    private mutating func bump(_ label: String, _ change: (inout Counts) -> Void) {
        if counts[label] == nil { labels.append(label); counts[label] = Counts() }
        change(&counts[label, default: Counts()])
    }

    private func percent(_ value: Double) -> String { String(format: "%.1f", value * 100) }
}
