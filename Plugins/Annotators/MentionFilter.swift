import Foundation
import UniNERCore

/// The paper's filters on teacher mentions (§2.1: "we filter out ... unparseable outputs, non-English
/// entities, and entities with 'ELSE'-like types"), plus the check that a mention occurs in its passage.
///
/// Every mention lands in exactly one report counter, in this order:
/// 1. `mentions_filtered_empty`: the mention text is empty or only whitespace;
/// 2. `mentions_filtered_type`: the type is empty or one of `ignoredTypes` (case-insensitive, after
///    trimming spaces and surrounding punctuation);
/// 3. `mentions_filtered_non_english`: fewer than half of the mention's letters are ASCII letters
///    (`Zürich` and `Đặng Văn Lâm` pass, `北京` and `Москва` do not); a mention with no letters at all
///    (`2021`, `$5`) passes, since numbers and dates are entities of English text too;
/// 4. `mentions_not_in_passage`: the text occurs nowhere in the passage, neither exactly nor ignoring case
///    (a case-insensitive match is kept with the passage's own spelling and counted in
///    `mentions_case_repaired` as well);
/// 5. `mentions_duplicate`: the same (text, type) pair was already kept for this passage;
/// 6. otherwise kept: `mentions_kept`.
/// `mentions_filtered` is the sum of 1-3.
public enum MentionFilter {
    /// The "ELSE"-like types that are dropped: the paper names None, NA, MISC and ELSE; we add their usual
    /// spellings and other catch-all words an LLM uses for "no real type".
    public static let ignoredTypes: Set<String> = [
        "none", "na", "n/a", "n.a.", "n.a", "null", "nil", "nan", "empty", "-", "--", "?",
        "misc", "miscellaneous", "else", "other", "others", "other entity", "other entities", "other type",
        "unknown", "unk", "unspecified", "undefined", "not applicable", "no type", "no entity", "not an entity",
        "various", "etc", "etc.",
    ]

    /// Why a mention was dropped, or the mention as kept.
    public enum Verdict: Equatable, Sendable {
        case keep(Mention)
        case empty
        case ignoredType
        case nonEnglish
        case notInPassage
    }

    /// Judges one mention of `passage`.
    public static func check(_ mention: Mention, in passage: String) -> Verdict {
        let text = mention.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return .empty }
        if isIgnoredType(mention.type) { return .ignoredType }
        if !isEnglish(text) { return .nonEnglish }
        if passage.contains(text) { return .keep(Mention(text: text, type: mention.type)) }
        if let range = passage.range(of: text, options: .caseInsensitive) {
            return .keep(Mention(text: String(passage[range]), type: mention.type))
        }
        return .notInPassage
    }

    /// Whether `type` is empty or "ELSE"-like.
    public static func isIgnoredType(_ type: String) -> Bool {
        let trimmed = type.trimmingCharacters(in: .whitespacesAndNewlines.union(.init(charactersIn: "\"'`.,;:()[]{}")))
        return trimmed.isEmpty || ignoredTypes.contains(trimmed.lowercased())
    }

    /// At least half of the letters are ASCII letters (or there are no letters).
    public static func isEnglish(_ text: String) -> Bool {
        var letters = 0
        var ascii = 0
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            letters += 1
            if scalar.isASCII { ascii += 1 }
        }
        return letters == 0 || ascii * 2 >= letters
    }

    /// The mentions that pass, deduplicated, in order; every mention is counted in `report`.
    public static func apply(_ mentions: [Mention], passage: String, report: inout StageReport) -> [Mention] {
        var kept: [Mention] = []
        var seen = Set<Mention>()
        for mention in mentions {
            switch check(mention, in: passage) {
            case .empty: report.add("mentions_filtered_empty"); report.add("mentions_filtered")
            case .ignoredType: report.add("mentions_filtered_type"); report.add("mentions_filtered")
            case .nonEnglish: report.add("mentions_filtered_non_english"); report.add("mentions_filtered")
            case .notInPassage: report.add("mentions_not_in_passage")
            case .keep(let clean):
                if clean.text != mention.text.trimmingCharacters(in: .whitespacesAndNewlines) {
                    report.add("mentions_case_repaired")
                }
                if seen.insert(clean).inserted {
                    kept.append(clean)
                    report.add("mentions_kept")
                } else {
                    report.add("mentions_duplicate")
                }
            }
        }
        return kept
    }
}
