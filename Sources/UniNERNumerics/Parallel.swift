import CKernels
import Dispatch
import Foundation

/// Splits loops over the machine's cores with a fixed partition, so results do not depend on scheduling.
public enum Parallel {
    /// The number of worker chunks: the active processor count, at most 8, unless `setWorkers` chose fewer.
    public static var workers: Int { storedWorkers }
    nonisolated(unsafe) private static var storedWorkers = maxWorkers
    /// The most workers this machine supports: the active processor count, at most 8.
    public static let maxWorkers = max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))

    /// Sets the number of workers (clamped to 1...maxWorkers). Per-worker scratch is sized by `maxWorkers`, so a
    /// change while another thread computes only changes how that computation is split.
    public static func setWorkers(_ n: Int) { storedWorkers = max(1, min(maxWorkers, n)) }

    /// The fixed chunk boundaries used for `n` items: `chunks` nearly equal ranges.
    @inline(__always)
    static func range(_ i: Int, of chunks: Int, _ n: Int) -> Range<Int> {
        (i * n / chunks)..<((i + 1) * n / chunks)
    }

    /// Runs `body` on `chunkCount(n, grain)` disjoint, contiguous ranges covering 0..<n, concurrently.
    ///
    /// - Parameters:
    ///   - grain: below this many items per chunk the loop runs on the calling thread as one chunk.
    ///   - body: receives the chunk index and its range; must only write what that range owns.
    public static func chunks(_ n: Int, grain: Int = 16_384, _ body: (Int, Range<Int>) -> Void) {
        let k = chunkCount(n, grain: grain)
        if k <= 1 { if n > 0 { body(0, 0..<n) }; return }
        perform(k) { i in body(i, range(i, of: k, n)) }
    }

    /// Runs `body(i)` for i in 0..<k concurrently, i = 0 on the calling thread: on the spinning worker pool
    /// (`uniner_pool_run`) when it is free, otherwise (another thread's region, or a region inside a region) on
    /// libdispatch. Which thread runs an index never changes what it computes.
    static func perform(_ k: Int, _ body: (Int) -> Void) {
        withoutActuallyEscaping(body) { body in
            var task = body
            let pooled = withUnsafeMutablePointer(to: &task) { pointer in
                uniner_pool_run(Int32(k), { context, index in
                    context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(index)
                }, pointer)
            }
            if pooled == 0 { return }
            let box = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: k) { i in box.value(i) }
        }
    }

    /// The number of chunks `chunks(_:grain:_:)` uses for `n` items.
    public static func chunkCount(_ n: Int, grain: Int = 16_384) -> Int {
        max(1, min(workers, n / max(1, grain)))
    }

    /// Runs `body(block, range)` over fixed blocks of `blockSize` items (the last may be shorter), spread over the
    /// workers. Block boundaries do not depend on the core count, so per-block reductions and per-block random
    /// streams give the same results on any machine.
    public static func blocks(_ n: Int, blockSize: Int, _ body: (Int, Range<Int>) -> Void) {
        let nb = (n + blockSize - 1) / blockSize
        chunks(nb, grain: 1) { _, r in
            for b in r { body(b, (b * blockSize)..<min(n, (b + 1) * blockSize)) }
        }
    }

    /// Runs `body(i)` for i in 0..<n with OpenBLAS held to one thread (the parallelism is ours), in `workers`
    /// contiguous chunks; `body` also gets the worker index so that it can use per-worker scratch memory.
    /// Worker indices are below `maxWorkers`: size per-worker scratch by that, not by `workers`, which may change.
    public static func forEachWithSingleThreadedBLAS(_ n: Int, _ body: (_ item: Int, _ worker: Int) -> Void) {
        let k = min(workers, n)
        if k <= 1 { for i in 0..<n { body(i, 0) }; return }
        _ = BLAS.coreName
        let saved = BLAS.threads
        if saved != 1 { BLAS.setThreads(1) }
        defer { if saved != 1 { BLAS.setThreads(saved) } }
        perform(k) { w in
            for i in range(w, of: k, n) { body(i, w) }
        }
    }
}

/// Carries a value into a concurrent closure when the caller guarantees disjoint access.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
