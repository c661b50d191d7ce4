import Foundation

/// What a client has done so far: HTTP attempts, retries, failures by class, tokens.
public struct OpenAIStatistics: Codable, Sendable, Hashable {
    /// HTTP attempts sent (first tries and retries).
    public var requests = 0
    /// Requests that eventually succeeded.
    public var succeeded = 0
    /// Attempts that were retries.
    public var retries = 0
    /// Requests that failed for good (after their last retry, or at once for a non-retryable status).
    public var failed = 0
    /// Failed attempts by class (`OpenAIFailureClass.rawValue`), retried ones included.
    public var failures: [String: Int] = [:]
    public var promptTokens = 0
    public var completionTokens = 0
    /// Seconds spent inside HTTP attempts, summed over attempts (not wall time).
    public var attemptSeconds = 0.0

    public init() {}

    /// Failed attempts of one class.
    public func failures(_ failure: OpenAIFailureClass) -> Int { failures[failure.rawValue] ?? 0 }

    /// The difference `self - earlier`, for what one run of a shared client did.
    public func since(_ earlier: OpenAIStatistics) -> OpenAIStatistics {
        var delta = OpenAIStatistics()
        delta.requests = requests - earlier.requests
        delta.succeeded = succeeded - earlier.succeeded
        delta.retries = retries - earlier.retries
        delta.failed = failed - earlier.failed
        delta.promptTokens = promptTokens - earlier.promptTokens
        delta.completionTokens = completionTokens - earlier.completionTokens
        delta.attemptSeconds = attemptSeconds - earlier.attemptSeconds
        for (name, count) in failures where count - (earlier.failures[name] ?? 0) != 0 {
            delta.failures[name] = count - (earlier.failures[name] ?? 0)
        }
        return delta
    }
}

/// The thread-safe accumulator behind `OpenAIClient.statistics`.
final class StatisticsRecorder: @unchecked Sendable {
    // @unchecked: every access to `value` holds `lock`.
    private let lock = NSLock()
    private var value = OpenAIStatistics()

    func update(_ change: (inout OpenAIStatistics) -> Void) {
        lock.lock()
        change(&value)
        lock.unlock()
    }

    var snapshot: OpenAIStatistics {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
