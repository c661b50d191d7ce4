import Foundation

/// What each variant's student trained for, from its model stage's counters: steps, epochs, sequences and
/// tokens seen, wall time (mean over seeds). A student reports these under the names of `columns`; one that
/// reports none of them (an external trainer) shows "—".
public enum TrainingBudget {
    /// (column title, counter name) in table order.
    public static let columns = [("steps", "steps"), ("epochs", "epochs"), ("sequences seen", "sequences seen"),
                                 ("tokens seen", "tokens seen"), ("wall time", "training seconds")]

    /// The `## Training` table, or nothing when no row trained a student.
    public static func markdown(_ groups: [(name: String, results: [RunResult])]) -> [String] {
        let records = groups.map { group in group.results.compactMap { $0.stages.first { $0.stage == .model } } }
        guard records.contains(where: { !$0.isEmpty }) else { return [] }
        var lines = ["## Training", "", "| variant | " + columns.map(\.0).joined(separator: " | ") + " |",
                     "|---|" + columns.map { _ in "---" }.joined(separator: "|") + "|"]
        for (group, models) in zip(groups, records) {
            let cells = columns.map { title, counter -> String in
                guard let mean = SeedGroups.meanAndStd(models.map { $0.report.counters[counter] })?.mean else { return "—" }
                return title == "wall time" ? ProgressReporter.duration(mean) : RunReport.countText((mean * 100).rounded() / 100)
            }
            lines.append("| \(group.name.isEmpty ? "default" : group.name) | " + cells.joined(separator: " | ") + " |")
        }
        return lines + [""]
    }
}
