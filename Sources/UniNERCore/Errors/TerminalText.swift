/// Text from outside (a teacher program's output, a server's error body) made safe to print: control characters,
/// NUL and terminal escape sequences are written as `\u{1B}`-style escapes instead of being sent to the terminal.
public enum TerminalText {
    /// `text` with every control character but newline and tab escaped; `keepNewlines: false` escapes those too.
    public static func escaped(_ text: some StringProtocol, keepNewlines: Bool = true) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let kept = keepNewlines && (scalar == "\n" || scalar == "\t")
            if !kept, scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
