import Foundation
import UniNERCore
import XCTest

final class ProgressReporterTests: XCTestCase {
    final class FakeClock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 0)
    }
    final class Lines: @unchecked Sendable {
        var lines: [String] = []
    }

    /// 100 s of setup, then 10 queries per second: the ETA reads the pace of the work, not the setup.
    func testRateAndETACountFromTheFirstAdvance() {
        let clock = FakeClock(), lines = Lines()
        let progress = ProgressReporter("predict", total: 1000, unit: "queries", interval: 5,
                                        clock: { clock.now }, log: { lines.lines.append($0) })
        clock.now += 100
        progress.advance(by: 10)
        XCTAssertEqual(lines.lines.last, "[predict] 10/1000 queries, 1m40s so far")
        clock.now += 10
        progress.advance(by: 100)
        XCTAssertEqual(lines.lines.last, "[predict] 110/1000 queries, 10.0/s, ETA 1m29s")
        clock.now += 1
        progress.advance(by: 10)
        XCTAssertEqual(lines.lines.count, 2, "at most one line per interval")
        clock.now += 79
        progress.advance(by: 880)
        XCTAssertEqual(lines.lines.last, "[predict] 1000/1000 queries, 11.0/s", "the last item always reports")
        progress.finish()
        XCTAssertEqual(lines.lines.last, "[predict] 1000/1000 queries, 5.3/s, 3m10s", "the whole run, setup included")
    }

    /// Items handed in as one burst right after the first ones give no rate (not millions per second).
    func testABurstRightAfterTheFirstAdvanceReadsAsTimeSoFar() {
        let clock = FakeClock(), lines = Lines()
        let progress = ProgressReporter("predict", total: 1300, unit: "queries", clock: { clock.now }, log: { lines.lines.append($0) })
        clock.now += 6.5
        progress.advance(by: 13)
        clock.now += 0.000_001
        progress.advance(by: 1287)
        progress.finish()
        XCTAssertEqual(lines.lines, ["[predict] 13/1300 queries, 6.5s so far", "[predict] 1300/1300 queries, 6.5s so far",
                                     "[predict] 1300/1300 queries, 200/s, 6.5s"])
    }

    func testWithoutTotalThereIsNoETA() {
        let clock = FakeClock(), lines = Lines()
        let progress = ProgressReporter("read", total: nil, interval: 0, clock: { clock.now }, log: { lines.lines.append($0) })
        progress.advance()
        clock.now += 2
        progress.advance(by: 4)
        XCTAssertEqual(lines.lines, ["[read] 1 items, 0.0s so far", "[read] 5 items, 2.0/s"])
    }
}
