import UniNERCore

/// Maps a source's entity type names (`PER`, `organisation`, `Library_Class`) to natural language (`person`,
/// `organization`, `library class`), as the paper did before asking `What describes {type} in the text?`.
public struct LabelMap: Codable, Sendable, Hashable {
    /// What to do with a type the table does not list.
    public enum Fallback: String, Codable, Sendable, CaseIterable {
        /// Keep the source's name.
        case keep
        /// Lowercase it and turn `_` and `-` into spaces (`Library_Class` → `library class`).
        case naturalize
        /// Refuse it: the formats that read a practitioner's labels (`conll`, `prodigy`, `label-studio`) stop
        /// with an error naming the record; the others keep the name.
        case error
    }

    public var mapping: [String: String]
    public var fallback: Fallback

    public init(_ mapping: [String: String] = [:], fallback: Fallback = .keep) {
        self.mapping = mapping
        self.fallback = fallback
    }

    /// The natural-language name of a source type.
    public func callAsFunction(_ type: String) -> String {
        if let mapped = mapping[type] { return mapped }
        switch fallback {
        case .keep, .error: return type
        case .naturalize:
            return String(type.lowercased().map { $0 == "_" || $0 == "-" ? " " : $0 })
        }
    }

    /// The natural-language name of a source type, or `nil` when the fallback is `error` and the table lacks it.
    public func resolve(_ type: String) -> String? {
        fallback == .error && mapping[type] == nil ? nil : self(type)
    }

    /// The natural-language name of a source type.
    /// - Throws: `error(type)` when the fallback is `error` and the table lacks the type.
    func name(_ type: String, or error: (String) -> DataError) throws -> String {
        guard let name = resolve(type) else { throw error(type) }
        return name
    }

    /// The same map with more entries (later entries win).
    public func adding(_ more: [String: String]) -> LabelMap {
        LabelMap(mapping.merging(more) { $1 }, fallback: fallback)
    }

    /// Leaves every name as it is.
    public static let identity = LabelMap()

    /// CoNLL-style abbreviations (CoNLL-2003, CoNLL++, WikiANN, WikiNEuRal, Broad Twitter, FiNER-ORD):
    /// `PER` → person, `ORG` → organization, `LOC` → location, `MISC` → else (GLiNER's and UniNER's name).
    public static let conll = LabelMap(["PER": "person", "ORG": "organization", "LOC": "location", "MISC": "else"])

    /// CrossNER's raw tags (also CrossNER's CoNLL-2003 copy), as the official UniNER files name them; `misc` → else.
    public static let crossNER = LabelMap([
        "organisation": "organization", "programlang": "program language", "literarygenre": "literary genre",
        "musicalartist": "musical artist", "musicalinstrument": "musical instrument", "musicgenre": "music genre",
        "politicalparty": "political party", "academicjournal": "academic journal",
        "astronomicalobject": "astronomical object", "chemicalcompound": "chemical compound",
        "chemicalelement": "chemical element", "misc": "else",
    ])

    /// GLiNER's conversions: natural names already, except the CrossNER_music inconsistency
    /// (`organisation`/`misc` in test.json where labels.json says `organization`/`else`).
    public static let gliner = LabelMap(["organisation": "organization", "misc": "else"])
}
