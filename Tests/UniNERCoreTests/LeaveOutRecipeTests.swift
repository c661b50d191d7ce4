import Foundation
import XCTest
import Yams
@testable import UniNERCore

/// `Recipes/paper/table3-sup-only-leave-out.yaml` ranks table3-sup-only's levers, so it must train as that recipe
/// does, less the sets it holds out, and score exactly those: a setting changed in one recipe and not the other
/// would rank levers for a different student.
final class LeaveOutRecipeTests: XCTestCase {
    func testTheLeaveOutRecipeTrainsAsTableThreeLessTheSetsItScores() throws {
        let loader = RecipeLoader(environment: [:])
        let paper = RepositoryRoot.url.appendingPathComponent("Recipes/paper")
        let table3 = try XCTUnwrap(try loader.load(file: paper.appendingPathComponent("table3-sup-only.yaml").path).first)
        let leaveOut = try XCTUnwrap(try loader.load(file: paper.appendingPathComponent("table3-sup-only-leave-out.yaml").path).first)
        let heldOut = try XCTUnwrap(leaveOut.evaluate?.datasets)
        XCTAssertEqual(Set(heldOut), ["TASTEset", "StackOverflow-NER", "HarveyNER"])
        XCTAssertEqual(leaveOut.supervised, table3.supervised.filter { !heldOut.contains($0.dataset) })
        XCTAssertEqual(leaveOut.supervised.count, table3.supervised.count - heldOut.count, "every held-out set trains Tab. 3")
        for key in ["student", "queries", "seed", "scale"] {
            XCTAssertEqual(leaveOut.resolved[key], table3.resolved[key], key)
        }
        XCTAssertEqual(leaveOut.evaluate?.split, "dev")
        XCTAssertFalse(leaveOut.inDomain)
    }
}
