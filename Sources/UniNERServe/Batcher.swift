import Foundation
import UniNERCore
import UniNERNumerics

/// Merges concurrent requests into predictor batches: a bounded queue, and one worker thread that takes up
/// to `maxBatch` texts (waiting at most `maxWait` for the batch to fill) and calls the model serially.
///
/// The worker is a plain thread, not a task: a forward pass blocks for tens of milliseconds and must not hold
/// one of the few threads that Swift concurrency and the HTTP event loops run on.
final class Batcher: @unchecked Sendable {
    // @unchecked: `queue` is only touched under `condition`; `model` only by the worker thread.
    struct Job {
        var request: ExtractRequest
        var continuation: CheckedContinuation<[[ServedEntity]], any Error>
    }

    private let model: ServedModel
    private let limits: ServeLimits
    private let metrics: ServeMetrics
    private let condition = NSCondition()
    private var queue: [Job] = []

    init(model: ServedModel, limits: ServeLimits, metrics: ServeMetrics) {
        self.model = model; self.limits = limits; self.metrics = metrics
        let worker = Thread { [self] in while true { run(take()) } }
        worker.name = "uniner-serve-batcher"
        worker.start()
    }

    /// The entities of each text of `request`, once its batch has run.
    /// - Throws: `ServeError` 503 when the queue is full; 400 when the model rejects the request's labels.
    func extract(_ request: ExtractRequest) async throws -> [[ServedEntity]] {
        try await withCheckedThrowingContinuation { continuation in
            condition.lock()
            defer { condition.unlock() }
            guard queue.count < limits.maxQueue else {
                continuation.resume(throwing: ServeError(.serviceUnavailable,
                    "the queue holds \(limits.maxQueue) requests (--max-queue); retry shortly", retryAfter: 1))
                return
            }
            queue.append(Job(request: request, continuation: continuation))
            metrics.queueDepth.set(Double(queue.count))
            condition.signal()
        }
    }

    /// Blocks until a batch is due: the first job has waited `maxWait`, or `maxBatch` texts are queued.
    private func take() -> [Job] {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty { condition.wait() }
        let deadline = Date(timeIntervalSinceNow: Double(limits.maxWaitMilliseconds) / 1000)
        while queue.reduce(0, { $0 + $1.request.texts.count }) < limits.maxBatch, condition.wait(until: deadline) {}
        var taken = 1, texts = queue[0].request.texts.count
        while taken < queue.count, texts + queue[taken].request.texts.count <= limits.maxBatch {
            texts += queue[taken].request.texts.count
            taken += 1
        }
        let jobs = Array(queue.prefix(taken))
        queue.removeFirst(taken)
        metrics.queueDepth.set(Double(queue.count))
        return jobs
    }

    /// One predictor call per decoding mode; when a merged call fails, each job is retried alone so that one
    /// request's bad labels fail only that request.
    private func run(_ jobs: [Job]) {
        var modes: [SpanDecoder.Mode?] = []
        for job in jobs where !modes.contains(Self.mode(job.request)) { modes.append(Self.mode(job.request)) }
        for mode in modes {
            let group = jobs.filter { Self.mode($0.request) == mode }
            let texts = group.reduce(0) { $0 + $1.request.texts.count }
            if texts > 0 { metrics.batchSize.record(Double(texts)) }
            do {
                var results = try extract(group, mode: mode)[...]
                for job in group {
                    job.continuation.resume(returning: Array(results.prefix(job.request.texts.count)))
                    results = results.dropFirst(job.request.texts.count)
                }
            } catch where group.count > 1 {
                for job in group {
                    do { job.continuation.resume(returning: try extract([job], mode: mode)) } catch {
                        job.continuation.resume(throwing: Self.answer(error))
                    }
                }
            } catch {
                group[0].continuation.resume(throwing: Self.answer(error))
            }
        }
    }

    private func extract(_ jobs: [Job], mode: SpanDecoder.Mode?) throws -> [[ServedEntity]] {
        try model.extract(jobs.flatMap { job in job.request.texts.map { ($0, job.request.labels, job.request.threshold) } },
                          decoding: mode)
    }

    private static func mode(_ request: ExtractRequest) -> SpanDecoder.Mode? {
        request.flat.map { $0 ? .flat : .nested }
    }

    /// The predictor's own errors are about the request (a label too long for the model's window): 400.
    private static func answer(_ error: any Error) -> any Error {
        if error is ServeError { return error }
        if let error = error as? UniNERError { return ServeError.badRequest(error.message + (error.help.map { "; " + $0 } ?? ""), field: "labels") }
        return ServeError(.internalServerError, "the model failed: \(error.localizedDescription)")
    }
}
