/// An SVG grouped bar chart of average F1 per variant, one group per domain plus the overall average.
public struct BarChart: Sendable {
    public var title: String
    /// Group names along the x axis (domains, then "average").
    public var groups: [String]
    /// One series per variant: its name and one value (0...1) per group (nil: no bar).
    public var series: [(name: String, values: [Double?])]

    public init(title: String, groups: [String], series: [(name: String, values: [Double?])]) {
        self.title = title
        self.groups = groups
        self.series = series
    }

    public func svg() -> String {
        let palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"]
        let barWidth = 22.0, gap = 18.0, left = 50.0, top = 40.0, plotHeight = 220.0
        let groupWidth = Double(max(series.count, 1)) * barWidth + gap
        let width = left + Double(groups.count) * groupWidth + 20
        let legendHeight = Double(series.count) * 16 + 10
        let height = top + plotHeight + 40 + legendHeight
        var out = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">",
                   "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>",
                   "<text x=\"\(left)\" y=\"20\" font-size=\"14\">\(escape(title))</text>"]
        for tick in stride(from: 0, through: 100, by: 20) {
            let y = top + plotHeight * (1 - Double(tick) / 100)
            out.append("<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(width - 20)\" y2=\"\(y)\" stroke=\"#ddd\"/>")
            out.append("<text x=\"\(left - 6)\" y=\"\(y + 4)\" text-anchor=\"end\">\(tick)</text>")
        }
        for (g, group) in groups.enumerated() {
            let x0 = left + Double(g) * groupWidth + gap / 2
            for (s, entry) in series.enumerated() {
                guard g < entry.values.count, let value = entry.values[g] else { continue }
                let h = plotHeight * max(0, min(1, value))
                let x = x0 + Double(s) * barWidth
                out.append("<rect x=\"\(x)\" y=\"\(top + plotHeight - h)\" width=\"\(barWidth - 2)\" height=\"\(h)\" fill=\"\(palette[s % palette.count])\"><title>\(escape(entry.name)) \(escape(group)): \(String(format: "%.1f", value * 100))</title></rect>")
                out.append("<text x=\"\(x + (barWidth - 2) / 2)\" y=\"\(top + plotHeight - h - 3)\" text-anchor=\"middle\" font-size=\"9\">\(String(format: "%.1f", value * 100))</text>")
            }
            out.append("<text x=\"\(x0 + Double(series.count) * barWidth / 2)\" y=\"\(top + plotHeight + 16)\" text-anchor=\"middle\">\(escape(group))</text>")
        }
        for (s, entry) in series.enumerated() {
            let y = top + plotHeight + 34 + Double(s) * 16
            out.append("<rect x=\"\(left)\" y=\"\(y - 9)\" width=\"10\" height=\"10\" fill=\"\(palette[s % palette.count])\"/>")
            out.append("<text x=\"\(left + 16)\" y=\"\(y)\">\(escape(entry.name))</text>")
        }
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }

    func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
