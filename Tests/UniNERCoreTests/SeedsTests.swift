import Foundation
import UniNERCore
import XCTest

/// `seeds:` runs every variant once per seed: variant-major cells and `seed-N` run folders, the data stages
/// shared, and the comparison's mean ± sample standard deviation over each variant's seeds.
final class SeedsTests: XCTestCase {
    func load(_ yaml: String, overrides: [String] = []) throws -> [Recipe] {
        try RecipeLoader(environment: [:]).load(yaml: yaml, file: "seeds.yaml", overrides: overrides)
    }

    func testEachVariantRunsOncePerSeedInItsOwnFolderAndCell() throws {
        let recipes = try load("name: s\nseeds: [13, 14, 15]\nsweep: {queries.template: [per-type, all-in-one]}\n")
        XCTAssertEqual(recipes.map(\.replicate), [13, 14, 15, 13, 14, 15])
        XCTAssertEqual(recipes.map(\.studentSeed), [13, 14, 15, 13, 14, 15])
        XCTAssertEqual(Set(recipes.map(\.seed)), [13], "the data seed stays the recipe's 'seed'")
        let cells = SweepCell.cells(of: recipes)
        XCTAssertEqual(cells[4].name, "queries.template=all-in-one/seed-14")
        XCTAssertEqual(cells[4].seed, 14)
        XCTAssertTrue(cells[4].folder.hasSuffix("/runs/s/queries.template=all-in-one/seed-14"), cells[4].folder)
        XCTAssertEqual(try SweepCell.select("queries.template=per-type/seed-15", in: cells).index, 2)
        // Each replicate's saved recipe names its own seed, so rerunning its recipe.yaml reruns exactly it.
        XCTAssertEqual(try load(recipes[1].yaml).map(\.replicate), [14])
    }

    func testWithoutSeedsTheLayoutIsUnchanged() throws {
        let recipe = try XCTUnwrap(try load("name: s\nseed: 7\n").first)
        XCTAssertNil(recipe.replicate)
        XCTAssertEqual(recipe.studentSeed, 7)
        XCTAssertTrue(Pipeline.runFolder(for: recipe).path.hasSuffix("/runs/s/default"))
        XCTAssertEqual(SweepCell.cells(of: [recipe]).map(\.name), ["default"])
    }

    func testTheSeedsOverrideStandsForTheKey() throws {
        let recipes = try load("name: s\n", overrides: ["seeds=[1,2]"])
        XCTAssertEqual(recipes.map(\.replicate), [1, 2])
    }

    func testBadSeedsAreRefusedAtTheirLine() throws {
        for (yaml, message) in [("name: s\nseeds: []\n", "non-empty list"), ("name: s\nseeds: [13, 13]\n", "listed twice"),
                                ("name: s\nseeds: [13, -1]\n", "non-negative integer")] {
            XCTAssertThrowsError(try load(yaml), yaml) { error in
                let text = (error as? LocalizedError)?.errorDescription ?? "\(error)"
                XCTAssertTrue(text.contains("seeds.yaml:2:"), text)
                XCTAssertTrue(text.contains(message), text)
            }
        }
    }

    func testDataStagesAreSharedBySeedsAndStudentStagesAreNot() throws {
        let recipes = try load("""
            name: s
            seeds: [13, 14]
            corpus: {kind: jsonl, path: c.jsonl}
            annotator: gold
            student: {kind: gazetteer}
            """)
        let a = try StageKeys.derive(recipes[0]), b = try StageKeys.derive(recipes[1])
        XCTAssertEqual(a.key(.passages), b.key(.passages))
        XCTAssertEqual(a.key(.annotations), b.key(.annotations))
        XCTAssertNotEqual(a.key(.queries), b.key(.queries))
        XCTAssertNotEqual(a.key(.model), b.key(.model))
    }

    func result(_ variant: String, seed: UInt64?, _ f1: Double) -> RunResult {
        var result = RunResult(recipe: "t4", variant: variant, folder: "", stages: [], scores: [:], domains: [:],
                               datasets: ["ai"], metrics: ["strict"])
        result.seed = seed
        result.scores["ai"] = ["strict": MetricScore(precision: f1, recall: f1, f1: f1, queries: 1, correct: 0, predicted: 0, gold: 0)]
        return result
    }

    func testSeedGroupsKeepVariantAndSeedOrder() {
        let results = [result("none", seed: 13, 0.1), result("none", seed: 14, 0.2), result("freq", seed: 13, 0.3)]
        let groups = SeedGroups.byVariant(results)
        XCTAssertEqual(groups.map(\.variant), ["none", "freq"])
        XCTAssertEqual(groups[0].seeds.map(\.seed), [13, 14])
    }

    func testTheComparisonShowsMeanAndSampleStdOverSeeds() throws {
        // none: 10, 20, 30 → mean 20, sample std 10; freq: 30, 32, 34 → mean 32, std 2
        let results = [0.10, 0.20, 0.30].enumerated().map { result("none", seed: UInt64(13 + $0), $1) }
            + [0.30, 0.32, 0.34].enumerated().map { result("freq", seed: UInt64(13 + $0), $1) }
        let table = ComparisonTable(results: results)
        let lines = table.markdown()
        XCTAssertTrue(lines.contains("| none | 3 | 20.0 ± 10.0 | 20.0 ± 10.0 |"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("| freq | 3 | 32.0 ± 2.0 | 32.0 ± 2.0 |"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("| Δ freq − none |  | +12.0 | +12.0 |"), lines.joined(separator: "\n"))
        let csv = table.csv().split(separator: "\n")
        XCTAssertEqual(csv.first, "variant,seed,metric,ai,average")
        XCTAssertTrue(csv.contains("none,std,strict,10.00,10.00"), csv.joined(separator: "\n"))
        let one = try XCTUnwrap(SeedGroups.meanAndStd([0.5]))
        XCTAssertEqual(one.std, 0)
    }
}
