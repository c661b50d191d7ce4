import Foundation

/// Reports progress of a long stage as count, rate and ETA, at most every `interval` seconds.
///
/// Rate and ETA on the way count from the first advance, not from creation: what happens before the first item
/// is done (loading a model, tokenising every query) is not the pace of the rest, and counting it made the
/// first ETA of a one-minute stage read hours. The final line gives the whole elapsed time and its mean rate.
public final class ProgressReporter: @unchecked Sendable {
    // @unchecked: all mutable state is guarded by `lock`.
    private let lock = NSLock()
    private let label: String
    private let total: Int?
    private let unit: String
    private let interval: Double
    private let log: @Sendable (String) -> Void
    private let clock: @Sendable () -> Date
    private let start: Date
    private var lastReport = Date.distantPast
    private var done = 0
    /// When the first items were done, and how many: the base of the running rate.
    private var firstAdvance: (time: Date, count: Int)?

    /// - Parameter clock: the time source (tests pass a fake one).
    public init(_ label: String, total: Int?, unit: String = "items", interval: Double = 5,
                clock: @escaping @Sendable () -> Date = { Date() }, log: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.total = total
        self.unit = unit
        self.interval = interval
        self.clock = clock
        self.start = clock()
        self.log = log
    }

    /// Counts `amount` more finished items; logs a line when the interval has passed.
    public func advance(by amount: Int = 1, extra: @autoclosure () -> String = "") {
        lock.lock()
        done += amount
        let now = clock()
        if firstAdvance == nil { firstAdvance = (now, done) }
        guard now.timeIntervalSince(lastReport) >= interval || done == total else {
            lock.unlock()
            return
        }
        lastReport = now
        let count = done
        let base = firstAdvance
        lock.unlock()
        log(line(count: count, now: now, base: base, extra: extra()))
    }

    /// The final line: count, elapsed time and rate.
    public func finish(extra: String = "") {
        lock.lock()
        let count = done
        lock.unlock()
        log(line(count: count, now: clock(), base: nil, extra: extra, final: true))
    }

    private func line(count: Int, now: Date, base: (time: Date, count: Int)?, extra: String, final: Bool = false) -> String {
        let elapsed = max(now.timeIntervalSince(start), 1e-9)
        var text = "[\(label)] \(count)"
        if let total { text += "/\(total)" }
        if final {
            text += " \(unit), \(Self.format(Double(count) / elapsed))/s, \(Self.duration(elapsed))"
        } else if let base, count > base.count, now.timeIntervalSince(base.time) >= Self.minimumRateWindow {
            let rate = Double(count - base.count) / now.timeIntervalSince(base.time)
            text += " \(unit), \(Self.format(rate))/s"
            if let total, count < total { text += ", ETA \(Self.duration(Double(total - count) / rate))" }
        } else {
            // Only the first items are done, or the rest came in a burst right after them: no pace to speak of.
            text += " \(unit), \(Self.duration(elapsed)) so far"
        }
        return extra.isEmpty ? text : "\(text), \(extra)"
    }

    /// The shortest span a running rate is measured over: items finished in one burst (a parallel batch handing
    /// in its results) would otherwise read as millions per second.
    static let minimumRateWindow = 1.0

    static func format(_ rate: Double) -> String { rate >= 100 ? String(Int(rate.rounded())) : String(format: "%.1f", rate) }

    public static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", s % 3600 / 60))m" : s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(String(format: "%.1f", seconds))s"
    }
}
