import CKernels
import Dispatch
import Foundation
import XCTest
@testable import UniNERNumerics

/// The worker pool behind `Parallel`: every index of every region runs exactly once, whichever thread asks, and a
/// region never waits forever for a worker (a lost wake-up hung the first version of the pool on its first region).
final class ParallelTests: XCTestCase {
    /// Runs `work` on its own thread and fails instead of hanging when it has not finished within `seconds`.
    private func finishes(within seconds: Double, _ what: String, _ work: @escaping @Sendable () -> Void,
                          file: StaticString = #filePath, line: UInt = #line) {
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread { work(); done.signal() }
        if done.wait(timeout: .now() + seconds) == .timedOut {
            XCTFail("\(what) did not finish within \(seconds) s: a region is waiting for a worker that never ran", file: file, line: line)
        }
    }

    /// Each index of a region writes its own slot once; afterwards every slot holds its index's count exactly once.
    private static func coverage(_ k: Int) -> [Int] {
        let slots = UnsafeMutablePointer<Int>.allocate(capacity: k)
        slots.initialize(repeating: 0, count: k)
        defer { slots.deallocate() }
        Parallel.perform(k) { i in slots[i] += i + 1 }
        return Array(UnsafeBufferPointer(start: slots, count: k))
    }

    func testEveryIndexRunsOnceForEveryRegionSize() {
        finishes(within: 60, "regions of 2 to 9 indices") {
            for _ in 0..<200 {
                for k in 2...9 { precondition(Self.coverage(k) == Array(1...k)) }
            }
        }
        for k in 2...9 { XCTAssertEqual(Self.coverage(k), Array(1...k)) }
    }

    /// Thousands of back-to-back regions (workers still spinning), then regions spaced out so that the workers
    /// fall asleep between them and must be woken.
    func testRegionsBackToBackAndAfterWorkersSleep() {
        let counter = Counter()
        finishes(within: 120, "20,000 back-to-back regions and 40 spaced ones") {
            for _ in 0..<20_000 { Parallel.perform(2) { i in if i == 1 { counter.add(1) } } }
            for _ in 0..<40 {
                usleep(5_000)
                Parallel.perform(2) { i in if i == 1 { counter.add(1) } }
            }
        }
        XCTAssertEqual(counter.value, 20_040)
    }

    /// Several threads asking at once: one holds the pool, the others run on libdispatch; all indices still run.
    func testConcurrentCallersAndNestedRegions() {
        let counter = Counter()
        finishes(within: 120, "4 callers × 500 regions, each with a nested region") {
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                for _ in 0..<500 {
                    Parallel.perform(3) { _ in
                        counter.add(1)
                        Parallel.perform(2) { _ in counter.add(10) }
                    }
                }
            }
        }
        XCTAssertEqual(counter.value, 4 * 500 * 3 * (1 + 2 * 10))
    }

    /// The region sizes the pool refuses, so that the caller runs them another way.
    func testPoolRefusesRegionsItCannotTake() {
        let noop: uniner_pool_task = { _, _ in }
        XCTAssertEqual(uniner_pool_run(1, noop, nil), 1)
        XCTAssertEqual(uniner_pool_run(0, noop, nil), 1)
        XCTAssertEqual(uniner_pool_run(65, noop, nil), 1)
        let accepted = Counter()
        finishes(within: 60, "one region of 2") { accepted.add(Int(uniner_pool_run(2, noop, nil)) + 1) }
        XCTAssertEqual(accepted.value, 1, "a free pool takes a region of 2 (returns 0)")
    }

    /// A child forked after the workers exist has none of them: its first region must still finish (it would wait
    /// forever for the parent's workers without the pool's fork handler).
    func testForkedChildRunsRegions() throws {
        #if os(Linux)
        let noop: uniner_pool_task = { _, _ in }
        XCTAssertEqual(uniner_pool_run(2, noop, nil), 0, "the parent's workers exist before the fork")
        let child = fork()
        if child == 0 {
            // only C calls and _exit in the child of a multi-threaded process
            alarm(20)
            let result = uniner_pool_run(2, noop, nil)
            _exit(result == 0 ? 0 : 3)
        }
        XCTAssertGreaterThan(child, 0, "fork failed")
        var status: Int32 = 0
        XCTAssertEqual(waitpid(child, &status, 0), child)
        // exited normally with 0: not killed by the alarm
        XCTAssertEqual(status & 0x7f, 0, "the child was killed by signal \(status & 0x7f): its region never finished")
        XCTAssertEqual((status >> 8) & 0xff, 0, "the child's pool refused a region of 2")
        #else
        throw XCTSkip("fork is tested on Linux")
        #endif
    }

    /// The fixed partition: chunked sums give the same bits every time, whichever thread ran which chunk.
    func testChunkedReductionIsTheSameEveryTime() {
        let n = 100_003
        let values = (0..<n).map { Float(sin(Double($0) * 0.37)) * 1e3 }
        let sums = ConcurrentResults(count: 51)
        finishes(within: 60, "51 chunked sums") {
            for r in 0...50 {
                var partial = [Float](repeating: 0, count: Parallel.maxWorkers)
                partial.withUnsafeMutableBufferPointer { out in
                    let out = UncheckedSendable(out)
                    Parallel.chunks(n, grain: 1_000) { w, range in
                        var s: Float = 0
                        for i in range { s += values[i] }
                        out.value[w] = s
                    }
                }
                sums.set(r, [partial])
            }
        }
        let all = sums.values.compactMap { $0?.first }
        XCTAssertEqual(all.count, 51)
        guard let first = all.first else { return }
        for other in all.dropFirst() { XCTAssertEqual(other, first) }
        XCTAssertEqual(first.reduce(0, +), values.reduce(0, +), accuracy: 1)
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add(_ n: Int) { lock.lock(); count += n; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
