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

    @Test func paraphrasesAreDrawnFromTheTableAtTheirShare() {
        var generator = SeededRandom(seed: 6)
        let mixed = (0..<3000).map { LabelQuery(label: ["person", "Road", "restaurant name"][$0 % 3], answers: ["x\($0)"]) }
        let varied = LabelVariants(definitionShare: 0, caseShare: 0, paraphraseShare: 0.4).apply(to: mixed, using: &generator)
        let person = LabelParaphrases.builtIn.paraphrases(for: "person"), road = LabelParaphrases.builtIn.paraphrases(for: "Road")
        #expect(person.contains("individual") && road.contains("street"))
        let personQueries = zip(mixed, varied).filter { $0.0.label == "person" }.map(\.1.label)
        let paraphrased = personQueries.filter { person.contains($0) }
        #expect(paraphrased.count + personQueries.filter { $0 == "person" }.count == personQueries.count)
        #expect(abs(Double(paraphrased.count) / Double(personQueries.count) - 0.4) < 0.05, "paraphrased: \(paraphrased.count)")
        #expect(Set(paraphrased) == Set(person), "every paraphrase of the type is drawn")
        #expect(zip(mixed, varied).filter { $0.0.label == "Road" }.contains { $0.1.label == "street" })
        // a type without paraphrases keeps its name, and the answers never change
        #expect(zip(mixed, varied).filter { $0.0.label == "restaurant name" }.allSatisfy { $0.1.label == "restaurant name" })
        #expect(varied.map(\.answers) == mixed.map(\.answers))
        var again = SeededRandom(seed: 6)
        #expect(LabelVariants(definitionShare: 0, caseShare: 0, paraphraseShare: 0.4).apply(to: mixed, using: &again) == varied)
    }

    /// The types of the 7 zero-shot evaluation sets of Tab. 3 (mit-movie, mit-restaurant and the five CrossNER sets,
    /// as their dataset plugins name them): training on a paraphrase with one of these names would teach the student
    /// a test type, so none may be one.
    static let zeroShotTypes = [
        "actor", "character", "director", "genre", "plot", "rating", "ratings average", "review", "song", "title",
        "trailer", "year", "amenity", "cuisine", "dish", "hours", "location", "price", "restaurant name",
        "algorithm", "conference", "country", "field", "metrics", "misc", "organisation", "person", "product",
        "programming language", "researcher", "task", "university", "award", "book", "event", "literary genre",
        "magazine", "poem", "writer", "album", "band", "musical artist", "musical instrument", "music genre",
        "election", "political party", "politician", "academic journal", "astronomical object", "chemical compound",
        "chemical element", "discipline", "enzyme", "protein", "scientist", "theory",
    ]

    @Test func noParaphraseNamesAZeroShotTypeOrItsOwnLabel() {
        let forbidden = Set(Self.zeroShotTypes.map(LabelDefinitions.key))
        for (label, names) in LabelParaphrases.builtIn.table {
            #expect(names.count >= 2, "\(label) has \(names.count) paraphrases")
            for name in names {
                let key = LabelDefinitions.key(name)
                #expect(key != label, "'\(name)' is the label '\(label)' itself")
                #expect(!forbidden.contains(key), "'\(name)' (a paraphrase of '\(label)') is a zero-shot test type")
            }
        }
    }

    @Test func everyTrainingLabelOfTableThreeHasParaphrases() {
        // the labels the supervised sets of Recipes/paper/table3-sup-only.yaml are asked by (their queries stage)
        let labels = ["person", "location", "organization", "disease", "gene", "anatomy", "chemical", "product", "group",
                      "creative work", "corporation", "legislation", "court", "business", "government", "area", "road",
                      "point", "river", "task", "material", "metric", "method", "application", "file name", "user name",
                      "library variable", "value", "library function", "error name", "variable name", "device",
                      "html xml tag", "operating system", "keyboard input", "function name", "language", "algorithm",
                      "class name", "library class", "version", "file type", "website", "data type", "data structure",
                      "user interface element", "library", "taste", "color", "unit", "purpose", "physical quality",
                      "food", "process", "quantity", "part"]
        for label in labels { #expect(!LabelParaphrases.builtIn.paraphrases(for: label).isEmpty, "\(label)") }
        #expect(LabelParaphrases.builtIn.paraphrases(for: "User_Name") == LabelParaphrases.builtIn.paraphrases(for: "user name"))
    }

    @Test func aRecipeSetsTheShareAndTheSharesTogetherAreBounded() throws {
        let registry = try PluginRegistry(PromptingPlugins.all)
        func template(_ shares: String) throws -> PerTypeTemplate? {
            let yaml = "name: t\nqueries: {template: {kind: per-type, \(shares)}}\nstudent: {kind: span-encoder}\n"
            let recipe = try #require(try RecipeLoader(environment: [:]).load(yaml: yaml, file: "t.yaml").first)
            return try registry.make(.template, recipe.queries.template, as: (any QueryTemplate).self) as? PerTypeTemplate
        }
        #expect(try template("definition_share: 0.2, paraphrase_share: 0.3")?.options.paraphraseShare == 0.3)
        #expect(throws: RecipeError.self) { try template("definition_share: 0.5, case_share: 0.3, paraphrase_share: 0.3") }
    }
}
