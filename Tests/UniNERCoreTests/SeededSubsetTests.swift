import UniNERCore
import XCTest

final class SeededSubsetTests: XCTestCase {
    /// Pinned picks: the supervised mix has drawn its sentences this way since the first quickstart, so a change
    /// here changes the quickstart's 400 CoNLL-2003 sentences and every cache key below them.
    func testTheDrawIsPinned() {
        XCTAssertEqual(SeededSubset.draw(Array(0..<20), count: 5, seed: 13, stream: "supervised/conll2003/train"), [7, 9, 11, 16, 19])
        XCTAssertEqual(SeededSubset.draw(Array(0..<20), count: 5, seed: 14, stream: "supervised/conll2003/train"), [0, 14, 16, 17, 18])
    }

    func testAllItemsWithoutACountOrWithTooLargeOneAndOriginalOrderOtherwise() {
        let items = Array("abcdefghij")
        XCTAssertEqual(SeededSubset.draw(items, count: nil, seed: 1, stream: "s"), items)
        XCTAssertEqual(SeededSubset.draw(items, count: 10, seed: 1, stream: "s"), items)
        let picked = SeededSubset.draw(items, count: 4, seed: 1, stream: "s")
        XCTAssertEqual(picked.count, 4)
        XCTAssertEqual(picked, picked.sorted())
        XCTAssertEqual(Set(picked).count, 4)
        XCTAssertNotEqual(SeededSubset.draw(items, count: 4, seed: 1, stream: "other"), picked, "streams draw independently")
    }
}
