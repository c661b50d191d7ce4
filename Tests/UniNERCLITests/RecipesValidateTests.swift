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
        // The teacher recipes read their endpoint and data path from the environment; validate checks that input
        // paths exist, so the replay recipe gets a real file in the released format.
        let environment = ["TEACHER_URL": "http://127.0.0.1:9/v1", "PILE_NER_TYPE": "Recipes/data/quickstart-pile-ner.json"]
        // Recipes that read what another recipe's run writes: validate names the missing input, located at the
        // line and column of the model path in the recipe (found here, so that editing a comment moves nothing).
        let model = "runs/table3-sup-only/zero-shot/model"
        var needsRun: [String: String] = [:]
        for name in ["table3-sup-only-threshold.yaml", "table3-sup-only-dev-threshold.yaml"] {
            let text = try String(contentsOf: folder.appendingPathComponent("paper/\(name)"), encoding: .utf8)
            let lines = text.components(separatedBy: "\n")
            let row = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("predictor:") && $0.contains(model) }, name)
            let column = lines[row].distance(from: lines[row].startIndex, to: try XCTUnwrap(lines[row].range(of: model)).lowerBound)
            needsRun["paper/\(name)"] = "\(name):\(row + 1):\(column + 1): error: 'predictor.model': no such file or folder '\(model)'"
        }
        let modelMissing = !FileManager.default.fileExists(atPath: root.appendingPathComponent(model).path)
        for recipe in recipes {
            let output = try CLIRunner.run(["validate", "Recipes/\(recipe)"], in: root, environment: environment)
            if let expected = needsRun[recipe], modelMissing {
                XCTAssertEqual(output.status, 2, recipe)
                XCTAssertTrue(output.stderr.contains(expected), "\(recipe): \(output.stderr)")
                continue
            }
            XCTAssertEqual(output.status, 0, "\(recipe): \(output.stderr)")
            XCTAssertTrue(output.stdout.hasPrefix("# Recipes/\(recipe): valid"), recipe)
        }
    }
}
