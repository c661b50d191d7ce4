import Foundation
import UniNERCore
import XCTest

/// Cells are the variants in recipe order, chosen by index, name or run folder; a wrong choice lists the valid ones.
final class SweepCellTests: XCTestCase {
    func recipes() throws -> [Recipe] {
        try RecipeLoader(environment: [:]).load(yaml: """
            name: cells
            sweep: {queries.template: [per-type, all-in-one]}
            """, file: "cells.yaml")
    }

    func testCellsFollowTheVariantOrderAndAreFoundByIndexNameOrFolder() throws {
        let cells = SweepCell.cells(of: try recipes())
        XCTAssertEqual(cells.map(\.index), [0, 1])
        XCTAssertEqual(cells.map(\.name), ["queries.template=per-type", "queries.template=all-in-one"])
        XCTAssertTrue(cells[1].folder.hasSuffix("/runs/cells/queries.template=all-in-one"), cells[1].folder)
        XCTAssertEqual(try SweepCell.select("1", in: cells), cells[1])
        XCTAssertEqual(try SweepCell.select("queries.template=per-type", in: cells), cells[0])
        XCTAssertEqual(try SweepCell.select("queries.template=all-in-one", in: cells).index, 1)
    }

    func testAnUnknownCellListsTheValidOnes() throws {
        let cells = SweepCell.cells(of: try recipes())
        XCTAssertThrowsError(try SweepCell.select("queries.template=per_type", in: cells)) { error in
            let text = (error as? LocalizedError)?.errorDescription ?? ""
            XCTAssertTrue(text.contains("did you mean 'queries.template=per-type'?"), text)
        }
        XCTAssertThrowsError(try SweepCell.select("-1", in: cells)) { error in
            XCTAssertTrue(((error as? LocalizedError)?.errorDescription ?? "").contains("give an index from 0 to 1"))
        }
    }

    func testARecipeWithoutASweepIsOneDefaultCell() throws {
        let one = try RecipeLoader(environment: [:]).load(yaml: "name: single\n", file: "single.yaml")
        XCTAssertEqual(SweepCell.cells(of: one).map(\.name), ["default"])
    }
}
