import Foundation
import UniNERCore
import XCTest

/// Recipes as a hostile or careless user writes them: alias bombs, huge sweeps, names that climb out of the run
/// folder, colliding variants, located `--set` errors, nested interpolation.
final class RecipeHardeningTests: XCTestCase {
    let loader = RecipeLoader(environment: [:])

    private func error(_ yaml: String, overrides: [String] = [], loader: RecipeLoader? = nil,
                       file: StaticString = #filePath, line: UInt = #line) -> RecipeError? {
        expectRecipeError(file: file, line: line) {
            _ = try (loader ?? self.loader).load(yaml: yaml, file: "r.yaml", overrides: overrides)
        }
    }

    /// Ten levels of nine aliases: 9^10 (3.5 billion) values once expanded.
    static let billionLaughs: String = {
        var lines = ["name: bomb", "description:", "  - &a0 [x, x, x, x, x, x, x, x, x]"]
        for level in 1..<10 {
            lines.append("  - &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\nstudent: {kind: span-encoder, batch: 8}\n"
    }()

    func testAnAliasBombIsRefusedAtItsLineWithTheLimitAndHowToRaiseIt() throws {
        let started = Date()
        let error = try XCTUnwrap(error(Self.billionLaughs))
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "refused without expanding")
        XCTAssertEqual(error.kind, .limitExceeded)
        XCTAssertEqual(error.location?.file, "r.yaml")
        XCTAssertEqual(error.location?.line, 8, "where the count passed the limit (the level of 9^6 values)")
        XCTAssertTrue(error.message.contains("100000 values"), error.message)
        XCTAssertTrue(error.help?.contains(RecipeLimits.nodesVariable) ?? false)
    }

    func testAliasesUsedAsKeysAreCountedBeforeTheComposerHashesThem() throws {
        var yaml = Self.billionLaughs.replacingOccurrences(of: "student: {kind: span-encoder, batch: 8}\n", with: "")
        yaml += "scales: {*a9: 1}\n"
        XCTAssertEqual(error(yaml)?.kind, .limitExceeded)
    }

    func testModestAliasesStillWork() throws {
        let recipes = try loader.load(yaml: """
            name: shared
            description: [&bs 8]
            student: {kind: span-encoder, batch: *bs}
            """, file: "r.yaml")
        XCTAssertEqual(recipes.first?.student?.options["batch"]?.int, 8)
    }

    func testTheNodeLimitIsRaisedThroughTheEnvironment() throws {
        let small = RecipeLoader(environment: [RecipeLimits.nodesVariable: "5"])
        XCTAssertEqual(small.limits.maxNodes, 5)
        XCTAssertEqual(error("name: a\ndescription: [1, 2, 3, 4, 5, 6]\n", loader: small)?.kind, .limitExceeded)
        XCTAssertNoThrow(try RecipeLoader(environment: [:]).load(yaml: "name: a\ndescription: [1, 2, 3, 4, 5, 6]\n", file: "r.yaml"))
    }

    func testASweepOfAHundredMillionVariantsIsRefusedBeforeExpanding() throws {
        let axes = (0..<8).map { "student.a\($0): [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]" }.joined(separator: ", ")
        let started = Date()
        let error = try XCTUnwrap(error("name: s\nstudent: {kind: span-encoder}\nsweep: {\(axes)}\n"))
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        XCTAssertEqual(error.kind, .limitExceeded)
        XCTAssertEqual(error.location?.line, 3)
        XCTAssertTrue(error.message.contains("100000000 variants, more than the limit of 1000"), error.message)
        XCTAssertTrue(error.help?.contains(RecipeLimits.variantsVariable) ?? false)
    }

    func testAnEmptySweepIsAnError() throws {
        for sweep in ["[]", "{}"] {
            let error = try XCTUnwrap(error("name: s\nsweep: \(sweep)\n"))
            XCTAssertEqual(error.kind, .invalidValue)
            XCTAssertTrue(error.message.contains("lists no variants"), error.message)
        }
    }

    func testRecipeTextOverTheByteLimitIsRefused() throws {
        let small = RecipeLoader(environment: [RecipeLimits.bytesVariable: "64"])
        let error = try XCTUnwrap(error("name: a\ndescription: '\(String(repeating: "x", count: 100))'\n", loader: small))
        XCTAssertEqual(error.kind, .limitExceeded)
        XCTAssertTrue(error.help?.contains(RecipeLimits.bytesVariable) ?? false)
    }

    func testAnAliasBombInASetValueNamesTheArgument() throws {
        let bomb = "[" + Array(repeating: "x", count: 10).joined(separator: ",") + "]"
        let small = RecipeLoader(environment: [RecipeLimits.nodesVariable: "5"])
        let error = try XCTUnwrap(error("name: a\n", overrides: ["description=\(bomb)"], loader: small))
        XCTAssertEqual(error.kind, .limitExceeded)
        XCTAssertEqual(error.location?.description, "--set 'description=\(bomb)'")
    }

    func testNamesThatWouldLeaveTheRunFolderAreRefused() throws {
        for name in ["../../etc", "/etc", "..", ".hidden", "a/b", "a\\\\b", String(repeating: "n", count: 300)] {
            let error = try XCTUnwrap(error("name: \"\(name)\"\n"), name)
            XCTAssertEqual(error.keyPath, "name", name)
            XCTAssertEqual(error.location?.line, 1, name)
        }
        let recipe = try XCTUnwrap(loader.load(yaml: "seed: 1\n", file: "dir/my recipe.yaml").first)
        XCTAssertEqual(recipe.name, "my_recipe", "a file name is made fit as the default name")
    }

    func testVariantsThatWouldShareARunFolderAreRefusedAtValidation() throws {
        let error = try XCTUnwrap(error("""
            name: s
            sweep:
              - {variant: a/b, seed: 1}
              - {variant: a_b, seed: 2}
            """))
        XCTAssertTrue(error.message.contains("'a/b' and 'a_b' would share the run folder 'a_b'"), error.message)
        XCTAssertEqual(error.location?.line, 3)
        XCTAssertNotNil(self.error("name: s\nsweep:\n  - {variant: same, seed: 1}\n  - {variant: same, seed: 2}\n"))
        XCTAssertNotNil(self.error("name: s\nsweep:\n  - {seed: 1, variant: ..}\n  - {seed: 2, variant: _.}\n"),
                        "'..' is mapped to '_.', never used as a folder")
    }

    func testLongVariantNamesAreShortenedWithADigest() throws {
        let long = String(repeating: "v", count: 300)
        let folder = RunFolderName.folder(forVariant: long)
        XCTAssertLessThanOrEqual(folder.utf8.count, RunFolderName.maxLength)
        XCTAssertNotEqual(folder, RunFolderName.folder(forVariant: long + "w"))
        XCTAssertEqual(RunFolderName.folder(forVariant: "queries.negatives.kind=frequency"), "queries.negatives.kind=frequency")
        XCTAssertEqual(RunFolderName.folder(forVariant: ".."), "_.")
    }

    func testSetErrorsNameTheArgumentNotLineOneOfTheRecipe() throws {
        let recipe = try XCTUnwrap(loader.load(yaml: "name: a\nstudent: {kind: span-encoder}\n", file: "r.yaml",
                                               overrides: ["student.batch=[1, 2]"]).first)
        let node = try XCTUnwrap(recipe.student?.options["batch"])
        XCTAssertEqual(RecipeNodes.location(of: node, file: "r.yaml")?.description, "--set 'student.batch=[1, 2]'")
    }

    func testNestedDefaultsAreInterpolatedWhole() throws {
        let yaml = "name: a\ndescription: \"${A:-${B:-x}}/end\"\n"
        XCTAssertEqual(try loader.load(yaml: yaml, file: "r.yaml").first?.resolved["description"]?.string, "x/end")
        let withB = RecipeLoader(environment: ["B": "b"])
        XCTAssertEqual(try withB.load(yaml: yaml, file: "r.yaml").first?.resolved["description"]?.string, "b/end")
        let withA = RecipeLoader(environment: ["A": "a", "B": "b"])
        XCTAssertEqual(try withA.load(yaml: yaml, file: "r.yaml").first?.resolved["description"]?.string, "a/end")
        XCTAssertEqual(error("name: a\ndescription: \"${A:-${B:-x}\"\n")?.message.contains("unterminated"), true)
    }

    func testTheSavedRecipeHasNoCredentials() throws {
        let recipe = try XCTUnwrap(loader.load(yaml: """
            name: a
            predictor: {kind: openai, base_url: "https://user:pa55word@example.org/v1?api_key=sk-123&x=1", model: m}
            """, file: "r.yaml").first)
        XCTAssertFalse(recipe.yaml.contains("pa55word") || recipe.yaml.contains("sk-123"), recipe.yaml)
        XCTAssertTrue(recipe.yaml.contains("https://***@example.org/v1?api_key=***&x=1"), recipe.yaml)
        XCTAssertEqual(recipe.predictor?.options["base_url"]?.string, "https://user:pa55word@example.org/v1?api_key=sk-123&x=1",
                       "the plugin still gets the real URL")
    }
}
