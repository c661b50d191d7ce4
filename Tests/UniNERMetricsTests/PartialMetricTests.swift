import Foundation
import Testing
import UniNERCore
import UniNERMetrics

@Suite("PartialMetric")
struct PartialMetricTests {
    /// (gold answers, prediction, exact matches, partial matches), worked out by hand.
    static let matchingCases: [(gold: [String], prediction: String, exact: Int, partial: Int)] = [
        (["asian"], #"["asian cuisine"]"#, 0, 1),                              // the paper's example
        (["New York"], #"["New", "York"]"#, 0, 1),                              // a gold item is used once
        (["New York", "York Times"], #"["New York Times"]"#, 0, 1),            // a prediction is used once
        (["Obama", "Barack Obama"], #"["Obama"]"#, 1, 0),                       // exact before partial
        (["Barack Obama", "Obama"], #"["Barack Obama", "Michelle Obama"]"#, 1, 1),
        (["x y", "y z"], #"["y", "x"]"#, 0, 2),                                 // maximum matching, not greedy
        (["The Beatles"], #"["beatles!", "the beatles album"]"#, 1, 0),        // normalised first
        (["The Beatles"], #"["the beatles album"]"#, 0, 1),
        (["the end"], #"["the start"]"#, 0, 0),                                // articles are not words
        (["Paris"], #"Answer: ["Paris"]"#, 0, 0),                               // the official parser's quirks
        ([], #"["spurious"]"#, 0, 0),
    ]

    @Test("matches exactly first, then by shared words", arguments: matchingCases)
    func matching(_ gold: [String], _ prediction: String, _ exact: Int, _ partial: Int) {
        let matches = PartialMetric.matches(predicted: OfficialAnswerParser.parse(prediction),
                                            gold: OfficialAnswerParser.gold(gold))
        #expect(matches.exact == exact && matches.partial == partial, "got \(matches)")
    }

    @Test("scores the mixed fixture by hand: 3 exact + 4 partial of 9 predicted, 8 gold")
    func mixed() throws {
        let dataset = try #require(OfficialEvaluatorFixture.datasets.first { $0.name == "mixed" })
        let pairs = scoredQueries(dataset.queries)
        let expected = officialRatios(correct: 5, predicted: 9, gold: 8)
        expectScore(PartialMetric().score(pairs), precision: expected.precision, recall: expected.recall,
                    f1: expected.f1, correct: 5, predicted: 9, gold: 8, queries: 6)
        // The strict true positives are the exact matches only, as the official evaluator counts them.
        #expect(StrictMetric().score(pairs).correct == 3)
        let full = PartialMetric(options: .init(credit: 1)).score(pairs)
        #expect(full.correct == 7)
    }

    @Test("equals strict when nothing overlaps partially")
    func equalsStrict() throws {
        for name in ["gold as prediction", "empty predictions", "nothing anywhere"] {
            let dataset = try #require(OfficialEvaluatorFixture.datasets.first { $0.name == name })
            let pairs = scoredQueries(dataset.queries)
            #expect(PartialMetric().score(pairs) == StrictMetric().score(pairs), "\(name)")
        }
    }

    @Test("rejects a credit outside (0, 1]")
    func creditRange() throws {
        #expect(try JSONDecoder().decode(PartialMetric.Options.self, from: Data(#"{"credit": 0.25}"#.utf8)).credit == 0.25)
        #expect(try JSONDecoder().decode(PartialMetric.Options.self, from: Data("{}".utf8)).credit == 0.5)
        #expect(throws: InvalidOption.self) {
            try JSONDecoder().decode(PartialMetric.Options.self, from: Data(#"{"credit": 1.5}"#.utf8))
        }
        #expect(throws: InvalidOption.self) {
            try JSONDecoder().decode(PartialMetric.Options.self, from: Data(#"{"credit": 0}"#.utf8))
        }
    }
}
