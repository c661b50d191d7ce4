import Foundation

/// Spaces requests evenly so that at most `requestsPerMinute` start in any minute.
public actor RateLimiter {
    private let interval: Double
    private var nextSlot: Date = .distantPast

    /// - Parameter requestsPerMinute: the limit; must be positive.
    public init(requestsPerMinute: Double) {
        interval = 60 / max(requestsPerMinute, 1e-9)
    }

    /// Waits until the next request may start.
    /// - Throws: `CancellationError` when the task is cancelled while waiting.
    public func acquire() async throws {
        let now = Date()
        let slot = max(now, nextSlot)
        nextSlot = slot.addingTimeInterval(interval)
        let wait = slot.timeIntervalSince(now)
        if wait > 0 { try await Task.sleep(nanoseconds: UInt64(wait * 1e9)) }
    }
}
