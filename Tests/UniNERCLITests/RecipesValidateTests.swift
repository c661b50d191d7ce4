import Foundation
import XCTest

/// Every recipe the project ships validates: its kinds exist and its options type-check.
final class RecipesValidateTests: XCTestCase {
    func testEveryShippedRecipeValidates() throws {
        let root = CLIRunner.repositoryRoot
        let folder = root.appendingPathComponent("Recipes")
        let recipes = ["quickstart.yaml"] + (try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("paper").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "paper/\($0)" })
        XCTAssertGreaterThanOrEqual(recipes.count, 9)
        // The teacher recipes read their endpoint and data path from the environment.
        let environment = ["TEACHER_URL": "http://127.0.0.1:9/v1", "PILE_NER_TYPE": "/nonexistent/train.json"]
        for recipe in recipes {
            let output = try CLIRunner.run(["validate", "Recipes/\(recipe)"], in: root, environment: environment)
            XCTAssertEqual(output.status, 0, "\(recipe): \(output.stderr)")
            XCTAssertTrue(output.stdout.hasPrefix("# Recipes/\(recipe): valid"), recipe)
        }
    }
}
