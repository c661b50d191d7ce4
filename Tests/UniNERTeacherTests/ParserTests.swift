import UniNERAnnotators
import UniNERCore
import XCTest

/// `TeacherOutputParser` on the shapes real LLM answers take, and `MentionFilter` on the paper's filters.
final class ParserTests: XCTestCase {
    private func pairs(_ list: [(String, String)]) -> [Mention] { list.map { Mention(text: $0.0, type: $0.1) } }

    func testOutputVariants() {
        let parisLondon = pairs([("Paris", "city"), ("London", "city")])
        let table: [(name: String, output: String, expected: [Mention]?)] = [
            ("paper format", #"[("Paris", "city"), ("London", "city")]"#, parisLondon),
            ("single quotes", "[('Paris', 'city'), ('London', 'city')]", parisLondon),
            ("code fence", "```python\n[(\"Paris\", \"city\"), (\"London\", \"city\")]\n```", parisLondon),
            ("leading and trailing prose",
             "Sure! Here are the entities:\n[(\"Paris\", \"city\"), (\"London\", \"city\")]\nLet me know if you need more.", parisLondon),
            ("JSON array of pairs", #"[["Paris", "city"], ["London", "city"]]"#, parisLondon),
            ("JSON objects", #"[{"entity": "Paris", "type": "city"}, {"name": "London", "label": "city"}]"#, parisLondon),
            ("escaped quotes inside", #"[("The \"Big\" Apple", "nickname")]"#, pairs([("The \"Big\" Apple", "nickname")])),
            ("all quotes backslash-escaped", #"[(\"Paris\", \"city\")]"#, pairs([("Paris", "city")])),
            ("apostrophe inside single quotes", "[('Macy's', 'organization'), ('Paris', 'city')]",
             pairs([("Macy's", "organization"), ("Paris", "city")])),
            ("curly quotes", "[(\u{201C}Paris\u{201D}, \u{201C}city\u{201D})]", pairs([("Paris", "city")])),
            ("unicode escape", #"[("Z\u00fcrich", "city")]"#, pairs([("Zürich", "city")])),
            ("trailing comma and newlines", "[\n  (\"Paris\", \"city\"),\n  (\"London\", \"city\"),\n]", parisLondon),
            ("missing commas between tuples", #"[("Paris", "city") ("London", "city")]"#, parisLondon),
            ("numbered tuples without brackets", "1. (\"Paris\", \"city\")\n2. (\"London\", \"city\")", parisLondon),
            ("cut off by max_tokens", #"[("Paris", "city"), ("London", "city"), ("Ber"#, parisLondon),
            ("extra tuple items ignored", #"[("Paris", "city", 0.9)]"#, pairs([("Paris", "city")])),
            ("a bracket in prose before the list", "Entities [see below]:\n[(\"Paris\", \"city\")]", pairs([("Paris", "city")])),
            ("empty list", "[]", []),
            ("empty list with prose", "There are no entities in this passage: []", []),
            ("definition prompt answer", #"[("Paris", "a capital city of a European country")]"#,
             pairs([("Paris", "a capital city of a European country")])),
            ("prose only", "I could not find any entities in the passage.", nil),
            ("list of strings, not pairs", "['Paris', 'London']", nil),
            ("empty output", "", nil),
            ("unclosed string only", #"[("Paris"#, nil),
        ]
        for row in table {
            XCTAssertEqual(TeacherOutputParser.parse(row.output), row.expected, row.name)
        }
    }

    func testSmolLMStyleAnswerIsUnparseable() {
        // What SmolLM2-135M answered the paper prompt with on the llama.cpp server: strings, not pairs.
        let output = "['BARACK OBAMA', '2017-04-30T09:58:56.23Z', 'The President of the United States']"
        XCTAssertNil(TeacherOutputParser.parse(output))
    }

    func testTypeFilter() {
        for type in ["None", "NA", "N/A", "n.a.", "MISC", "misc", "Miscellaneous", "ELSE", "else", "Other", "others",
                     "unknown", "", "  ", "'None'", "null"] {
            XCTAssertTrue(MentionFilter.isIgnoredType(type), "'\(type)' should be dropped")
        }
        for type in ["person", "NAME", "organization", "other organization", "miscellaneous item", "nation"] {
            XCTAssertFalse(MentionFilter.isIgnoredType(type), "'\(type)' should be kept")
        }
    }

    func testEnglishRule() {
        for text in ["Paris", "Zürich", "Đặng Văn Lâm", "2021", "$5", "COVID-19", "café au lait"] {
            XCTAssertTrue(MentionFilter.isEnglish(text), text)
        }
        for text in ["北京", "Москва", "東京タワー", "Ελλάδα"] {
            XCTAssertFalse(MentionFilter.isEnglish(text), text)
        }
    }

    func testFilterCountsEveryMentionOnce() {
        let passage = "Barack Obama visited paris and met Angela Merkel. 東京 was not visited."
        let raw = pairs([
            ("Barack Obama", "person"),
            ("Paris", "city"),                 // case-insensitive match: kept with the passage's spelling
            ("Angela Merkel", "None"),         // ELSE-like type
            ("東京", "city"),                   // non-English
            ("Berlin", "city"),                // not in the passage
            ("  ", "person"),                  // empty
            ("Barack Obama", "person"),        // duplicate
            ("Barack Obama", "politician"),    // same text, other type: kept
        ])
        var report = StageReport()
        let kept = MentionFilter.apply(raw, passage: passage, report: &report)
        XCTAssertEqual(kept, pairs([("Barack Obama", "person"), ("paris", "city"), ("Barack Obama", "politician")]))
        XCTAssertEqual(report["mentions_kept"], 3)
        XCTAssertEqual(report["mentions_case_repaired"], 1)
        XCTAssertEqual(report["mentions_filtered_type"], 1)
        XCTAssertEqual(report["mentions_filtered_non_english"], 1)
        XCTAssertEqual(report["mentions_filtered_empty"], 1)
        XCTAssertEqual(report["mentions_filtered"], 3)
        XCTAssertEqual(report["mentions_not_in_passage"], 1)
        XCTAssertEqual(report["mentions_duplicate"], 1)
        XCTAssertEqual(report["mentions_kept"] + report["mentions_filtered"] + report["mentions_not_in_passage"]
                       + report["mentions_duplicate"], Double(raw.count))
    }
}
