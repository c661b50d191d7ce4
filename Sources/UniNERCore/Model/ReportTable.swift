/// A small table a stage adds to the run's report (the teacher's precision and recall per label against
/// reviewed passages): a title, a header row and rows of cells, rendered as Markdown.
public struct ReportTable: Codable, Sendable, Hashable {
    public var title: String
    public var header: [String]
    public var rows: [[String]]
    /// A sentence under the title saying what the numbers are.
    public var caption: String?

    public init(title: String, header: [String], rows: [[String]], caption: String? = nil) {
        self.title = title
        self.header = header
        self.rows = rows
        self.caption = caption
    }

    /// The table as Markdown lines, its title a third-level heading.
    public func markdown() -> [String] {
        var lines = ["### \(title)", ""]
        if let caption { lines += [caption, ""] }
        lines.append("| " + header.joined(separator: " | ") + " |")
        lines.append("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
        lines += rows.map { "| " + $0.joined(separator: " | ") + " |" }
        return lines
    }
}
