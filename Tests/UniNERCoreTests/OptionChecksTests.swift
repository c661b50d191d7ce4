import Foundation
import UniNERCatalog
import UniNERCore
import XCTest

/// Every numeric option of every plugin is checked for finiteness and range by one mechanism, before the plugin
/// decodes it; every input path is checked to exist.
final class OptionChecksTests: XCTestCase {
    private func section(_ key: String, _ value: String, family: PluginFamily, kind: String) throws -> PluginSection {
        let yaml = "s: {kind: \(kind), \(key): \(value)}\n"
        let root = try XCTUnwrap(try RecipeLoader(environment: [:]).load(yaml: "name: t\ndescription: \(yaml.dropFirst(3))",
                                                                         file: "r.yaml").first?.resolved["description"])
        return try PluginSection(node: root, path: family.rawValue, file: "r.yaml")
    }

    func testNonFiniteNumbersAreRefusedForEveryNumericOptionOfEveryPlugin() throws {
        var checked = 0
        for descriptor in Catalog.registry.descriptors {
            for spec in descriptor.options where spec.isNumeric {
                for value in [".nan", "nan", ".inf", "-.inf"] {
                    let section = try section(spec.name, value, family: descriptor.family, kind: descriptor.kind)
                    do {
                        _ = try Catalog.registry.make(descriptor.family, section, as: (any Sendable).self)
                        XCTFail("\(descriptor.kind).\(spec.name): \(value) was accepted")
                    } catch let error as RecipeError {
                        XCTAssertEqual(error.kind, .invalidValue, "\(descriptor.kind).\(spec.name)")
                        XCTAssertTrue(error.message.contains("must be a finite number"), "\(descriptor.kind).\(spec.name): \(error.message)")
                        XCTAssertEqual(error.location?.line, 2, "\(descriptor.kind).\(spec.name)")
                    }
                    checked += 1
                }
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 4 * 30, "the catalog's numeric options")
    }

    func testDeclaredRangesAreEnforcedWithTheRangeInTheMessage() throws {
        let cases: [(PluginFamily, String, String, String, String)] = [
            (.student, "span-encoder", "lr", "-0.1", "greater than 0"),
            (.student, "span-encoder", "lr", "0", "greater than 0"),
            (.student, "span-encoder", "weight_decay", "-1", "at least 0"),
            (.student, "span-encoder", "threshold", "1.5", "in [0, 1]"),
            (.student, "span-encoder", "warmup", "1", "in [0, 1)"),
            (.negatives, "frequency", "per_passage", "-3", "at least 0"),
            (.metric, "partial", "credit", "0", "in (0, 1]"),
            (.annotator, "command", "timeout_s", "0", "greater than 0"),
        ]
        for (family, kind, key, value, range) in cases {
            let section = try section(key, value, family: family, kind: kind)
            XCTAssertThrowsError(try Catalog.registry.make(family, section, as: (any Sendable).self), "\(kind).\(key)=\(value)") { error in
                let message = (error as? RecipeError)?.message ?? "\(error)"
                XCTAssertTrue(message.contains("must be \(range)"), "\(kind).\(key)=\(value): \(message)")
            }
        }
    }

    func testInputPathsMustExistAtValidation() throws {
        let section = try section("path", "/nonexistent/replay.json", family: .annotator, kind: "replay")
        XCTAssertThrowsError(try Catalog.registry.make(.annotator, section, as: (any Sendable).self)) { error in
            let recipeError = error as? RecipeError
            XCTAssertEqual(recipeError?.keyPath, "annotator.path")
            XCTAssertTrue(recipeError?.message.contains("no such file or folder '/nonexistent/replay.json'") ?? false, "\(error)")
        }
    }

    func testRangesReadAsWritten() {
        XCTAssertEqual(OptionRange.positive.description, "greater than 0")
        XCTAssertEqual(OptionRange.share.description, "in [0, 1)")
        XCTAssertTrue(OptionRange.probability.contains(1))
        XCTAssertFalse(OptionRange.share.contains(1))
        XCTAssertFalse(OptionRange.positive.contains(0))
    }
}
