/// Names that become folders of a run: `<output>/<recipe name>/<variant folder>/`.
///
/// A recipe's name is checked (it is the user's to choose, so a bad one is an error); a variant's name is made of
/// its overrides and mapped to a folder, and the loader refuses two variants that map to one folder.
public enum RunFolderName {
    /// Most UTF-8 bytes of a name as a folder (file systems allow 255; the rest of the path needs room).
    public static let maxLength = 100

    static func allowed(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "-_.=".contains(character)
    }

    /// What makes `name` unfit to be a recipe's folder, or nil when it is fit.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name.utf8.count > maxLength { return "is \(name.utf8.count) bytes long, more than \(maxLength)" }
        if name.hasPrefix(".") { return "starts with '.'" }
        if let bad = name.first(where: { !allowed($0) }) {
            return "contains '\(bad.unicodeScalars.map { $0.escaped(asASCII: true) }.joined())'"
        }
        return nil
    }

    /// A recipe file's name made fit to be the default recipe name.
    public static func sanitized(_ name: String) -> String {
        var text = String(name.map { allowed($0) ? $0 : "_" })
        if text.hasPrefix(".") { text = "_" + text.dropFirst() }
        if text.isEmpty { text = "recipe" }
        return shortened(text, of: name)
    }

    /// The folder of a variant: its name with every character outside letters, digits and `-_.=` replaced by
    /// `_`, and names past `maxLength` cut and suffixed with a digest of the whole name; `default` for none.
    public static func folder(forVariant variant: String) -> String {
        variant.isEmpty ? "default" : sanitized(variant)
    }

    private static func shortened(_ text: String, of original: String) -> String {
        guard text.utf8.count > maxLength else { return text }
        var prefix = ""
        for character in text {
            guard prefix.utf8.count + character.utf8.count <= maxLength - 13 else { break }
            prefix.append(character)
        }
        return prefix + "-" + String(SHA256.hex(original).prefix(12))
    }
}
