import Foundation

/// Exponential backoff with full jitter, and `Retry-After` parsing.
///
/// Attempt `n` (0 for the first retry) waits a uniformly random time in `[base·2ⁿ/2, base·2ⁿ]`, capped at
/// `maximum`; a server's `Retry-After` replaces it when present (capped at `maximumRetryAfter`).
public struct Backoff: Sendable, Hashable {
    public var base: Double
    public var maximum: Double
    /// The longest `Retry-After` honoured, in seconds.
    public var maximumRetryAfter: Double

    public init(base: Double = 0.5, maximum: Double = 30, maximumRetryAfter: Double = 300) {
        self.base = base
        self.maximum = maximum
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// Seconds to wait before retry number `retry` (0-based).
    public func delay(retry: Int, retryAfter: Double? = nil) -> Double {
        if let retryAfter, retryAfter >= 0 { return min(retryAfter, maximumRetryAfter) }
        let ceiling = min(maximum, base * pow(2, Double(min(retry, 30))))
        return Double.random(in: (ceiling / 2)...ceiling)
    }

    /// Seconds from a `Retry-After` header: delta-seconds (`"2"`, `"1.5"`) or an HTTP-date.
    public static func parseRetryAfter(_ value: String?, now: Date = Date()) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
