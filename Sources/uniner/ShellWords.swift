import UniNERCore

/// Splitting a line of options the way a POSIX shell does (quotes and backslashes, no expansion), and quoting
/// words for a generated script.
enum ShellWords {
    /// The words of `line`: `--a='x y' --b` → `["--a=x y", "--b"]`.
    /// - Throws: `UniNERError` on an unclosed quote or a trailing backslash.
    static func split(_ line: String) throws -> [String] {
        var words: [String] = [], current = "", inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped { current.append(character); escaped = false; inWord = true; continue }
            if let open = quote {
                if character == open { quote = nil } else if character == "\\" && open == "\"" { escaped = true } else { current.append(character) }
                continue
            }
            switch character {
            case "'", "\"": quote = character; inWord = true
            case "\\": escaped = true
            case " ", "\t", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            default: current.append(character); inWord = true
            }
        }
        if quote != nil || escaped {
            throw UniNERError("unclosed quote in '\(line)'", help: "close every ' and \" in the --slurm options")
        }
        if inWord { words.append(current) }
        return words
    }

    /// `word` in single quotes for a shell script (`'` written as `'\''`).
    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
