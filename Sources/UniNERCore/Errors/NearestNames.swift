/// Orders candidate names by edit distance to a misspelt one, so error messages list the likely intent first.
public enum NearestNames {
    /// `candidates` sorted by Levenshtein distance to `name` (ties keep alphabetical order).
    public static func sorted(_ candidates: [String], nearestTo name: String) -> [String] {
        let lowered = name.lowercased()
        return candidates.sorted().map { ($0, distance(lowered, $0.lowercased())) }
            .enumerated()
            .sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }
            .map { $0.element.0 }
    }

    /// Text for a `help:` line: "did you mean 'x'? valid choices: x, y, z".
    public static func help(for name: String, among candidates: [String], noun: String = "choices") -> String {
        let ordered = sorted(candidates, nearestTo: name)
        guard let first = ordered.first else { return "there are no valid \(noun)" }
        let close = distance(name.lowercased(), first.lowercased()) <= max(2, name.count / 3)
        let list = ordered.joined(separator: ", ")
        return close ? "did you mean '\(first)'? valid \(noun): \(list)" : "valid \(noun): \(list)"
    }

    /// Levenshtein distance between two strings, over Unicode scalars.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
