import Foundation
import Testing
import UniNERCore
@testable import UniNERPrompting

@Suite struct LabelVariantsTests {
    let queries = (0..<2000).map { LabelQuery(label: $0 % 2 == 0 ? "person" : "Restaurant Name", answers: ["x\($0)"]) }

    @Test func recasingLowersCapitalsAndTitlesLowerCase() {
        #expect(LabelVariants.recased("Restaurant Name") == "restaurant name")
        #expect(LabelVariants.recased("person") == "Person")
        #expect(LabelVariants.recased("programming language") == "Programming Language")
        #expect(LabelVariants.recased("DNA") == "dna")
    }

    @Test func sharesAreMetAndAnswersKept() throws {
        var generator = SeededRandom(seed: 5)
        let varied = LabelVariants(definitionShare: 0.3, caseShare: 0.2).apply(to: queries, using: &generator)
        let person = try LabelDefinitions.builtIn.definition(for: "person")
        let defined = varied.filter { $0.label == person || $0.label == (try? LabelDefinitions.builtIn.definition(for: "Restaurant Name")) }
        let recased = varied.filter { $0.label == "Person" || $0.label == "restaurant name" }
        #expect(abs(Double(defined.count) / 2000 - 0.3) < 0.04, "definitions: \(defined.count)")
        #expect(abs(Double(recased.count) / 2000 - 0.2) < 0.04, "re-cased: \(recased.count)")
        #expect(varied.map(\.answers) == queries.map(\.answers))
        // seeded: the same seed gives the same variants
        var again = SeededRandom(seed: 5)
        #expect(LabelVariants(definitionShare: 0.3, caseShare: 0.2).apply(to: queries, using: &again) == varied)
    }

    @Test func theTemplateVariesOnlyWhenAskedAndDrawsNothingOtherwise() {
        let passage = AnnotatedPassage(passage: Passage(id: "p", text: "Obama met Merkel."),
                                       mentions: [Mention(text: "Obama", type: "person")], negativeTypes: ["location"])
        var a = SeededRandom(seed: 1), b = SeededRandom(seed: 1)
        let plain = PerTypeTemplate(options: .init(shuffle: true)).example(for: passage, negatives: [], datasetField: false, using: &a)
        #expect(plain.queries.map(\.label).sorted() == ["location", "person"])
        _ = PerTypeTemplate(options: .init(shuffle: true, definitionShare: 0, caseShare: 0))
            .example(for: passage, negatives: [], datasetField: false, using: &b)
        #expect(a.next() == b.next(), "no extra draw when both shares are 0: older recipes keep their examples")
        var c = SeededRandom(seed: 1)
        let all = PerTypeTemplate(options: .init(shuffle: false, definitionShare: 0, caseShare: 0.999))
            .example(for: passage, negatives: [], datasetField: false, using: &c)
        #expect(all.queries.map(\.label) == ["Person", "Location"])
    }
}
