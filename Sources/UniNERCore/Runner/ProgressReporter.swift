import Foundation

/// Reports progress of a long stage as count, rate and ETA, at most every `interval` seconds.
public final class ProgressReporter: @unchecked Sendable {
    // @unchecked: all mutable state is guarded by `lock`.
    private let lock = NSLock()
    private let label: String
    private let total: Int?
    private let unit: String
    private let interval: Double
    private let log: @Sendable (String) -> Void
    private let start = Date()
    private var lastReport = Date.distantPast
    private var done = 0

    public init(_ label: String, total: Int?, unit: String = "items", interval: Double = 5,
                log: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.total = total
        self.unit = unit
        self.interval = interval
        self.log = log
    }

    /// Counts `amount` more finished items; logs a line when the interval has passed.
    public func advance(by amount: Int = 1, extra: @autoclosure () -> String = "") {
        lock.lock()
        done += amount
        let now = Date()
        guard now.timeIntervalSince(lastReport) >= interval || done == total else {
            lock.unlock()
            return
        }
        lastReport = now
        let count = done
        lock.unlock()
        log(line(count: count, now: now, extra: extra()))
    }

    /// The final line: count, elapsed time and rate.
    public func finish(extra: String = "") {
        lock.lock()
        let count = done
        lock.unlock()
        log(line(count: count, now: Date(), extra: extra, final: true))
    }

    private func line(count: Int, now: Date, extra: String, final: Bool = false) -> String {
        let elapsed = max(now.timeIntervalSince(start), 1e-9)
        let rate = Double(count) / elapsed
        var text = "[\(label)] \(count)"
        if let total { text += "/\(total)" }
        text += " \(unit), \(Self.format(rate))/s"
        if final {
            text += ", \(Self.duration(elapsed))"
        } else if let total, rate > 0, count < total {
            text += ", ETA \(Self.duration(Double(total - count) / rate))"
        }
        return extra.isEmpty ? text : "\(text), \(extra)"
    }

    static func format(_ rate: Double) -> String { rate >= 100 ? String(Int(rate.rounded())) : String(format: "%.1f", rate) }

    public static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m" : s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(String(format: "%.1f", seconds))s"
    }
}
