import XCTest
@testable import UniNERStudents

final class BatchPlanTests: XCTestCase {
    func testEveryEpochCoversEverySequenceOnceWithinTheTokenCap() {
        let lengths = (0..<100).map { $0 % 10 == 0 ? 200 : 20 + $0 % 7 }
        let plan = BatchPlan(lengths: lengths, batch: 8, maxTokens: 400, seed: 5)
        for epoch in 0..<2 {
            let batches = plan.batches(epoch: epoch)
            XCTAssertEqual(batches.flatMap { $0 }.sorted(), Array(0..<100))
            for batch in batches {
                XCTAssertTrue(batch.count == 1 || batch.count * batch.map { lengths[$0] }.max()! <= 400, "\(batch)")
            }
        }
        XCTAssertNotEqual(plan.batches(epoch: 0), plan.batches(epoch: 1))
        XCTAssertEqual(plan.batches(epoch: 1), BatchPlan(lengths: lengths, batch: 8, maxTokens: 400, seed: 5).batches(epoch: 1))
    }

    func testCursorWalksEpochsByGlobalIndex() {
        let plan = BatchPlan(lengths: Array(repeating: 10, count: 20), batch: 8, seed: 1)
        var cursor = BatchCursor(plan: plan)
        let first = plan.batches(epoch: 0), second = plan.batches(epoch: 1)
        XCTAssertEqual((0..<6).map { cursor.batch($0) }, first + second)
        XCTAssertEqual(cursor.batch(1), first[1], "going back restarts from epoch 0")
    }
}
