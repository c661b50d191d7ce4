import Foundation
import UniNERCore
import UniNERDatasets
import XCTest
import Yams

final class DescriptorTests: XCTestCase {
    let registry = try! PluginRegistry(DatasetPlugins.all)

    func section(_ yaml: String) throws -> PluginSection {
        try PluginSection(node: try XCTUnwrap(try Yams.compose(yaml: yaml)), path: "format", file: "recipe.yaml")
    }

    func testEveryFormatAndTheProviderAreRegistered() {
        XCTAssertEqual(registry.kinds(of: .format),
                       ["conll", "csv-tokens", "finer-ord", "gliner-json", "label-studio", "prodigy", "scierc", "sofc", "tasteset",
                        "uniner-json"])
        XCTAssertEqual(registry.kinds(of: .datasets), ["benchmark"])
        // Every staged registry entry names a registered format.
        for entry in BenchmarkRegistry.all where entry.layout != nil {
            XCTAssertTrue(registry.kinds(of: .format).contains(entry.format), entry.name)
        }
    }

    func testAFormatIsBuiltFromItsRecipeOptions() throws {
        let format: any DatasetFormat = try registry.make(
            .format, section("kind: conll\nseparator: tab\nlabel_preset: conll\nlabels: {GPE: geopolitical entity}"))
        let url = try temporaryFile("Paris\tB-LOC\nis\tO\nin\tO\nFrance\tB-GPE\nwith\tO\nMISC\tB-MISC\n")
        XCTAssertEqual(try format.read(url).first?.entities.map(\.type), ["location", "geopolitical entity", "else"])

        let provider: any DatasetProvider = try registry.make(
            .datasets, section("kind: benchmark\nroot: \(try BenchmarkData.requireRoot().path)"))
        XCTAssertTrue(provider.availableDatasets().contains("CrossNER_AI"))
    }

    func testUnknownKeysAndChoicesAreLocatedRecipeErrors() throws {
        XCTAssertThrowsError(try registry.make(.format, section("kind: conll\nseperator: tab"), as: (any DatasetFormat).self)) { error in
            let error = error as? RecipeError
            XCTAssertEqual(error?.kind, .unknownKey)
            XCTAssertEqual(error?.location?.line, 2)
            XCTAssertTrue(error?.help?.contains("did you mean 'separator'") == true, "\(String(describing: error))")
        }
        XCTAssertThrowsError(try registry.make(.format, section("kind: conll\nunknown_tags: ignore"), as: (any DatasetFormat).self)) { error in
            XCTAssertTrue((error as? RecipeError)?.errorDescription?.contains("error, outside") == true, "\(error)")
        }
    }
}
