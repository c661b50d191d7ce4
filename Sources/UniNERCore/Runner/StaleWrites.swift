import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What writers killed in the middle of an `AtomicFile` write leave behind, found and cleaned by the next run.
///
/// A folder write leaves `.NAME.tmp-PID-R@HOST` (the new content, perhaps partial) and, between its two renames,
/// `.NAME.old-PID@HOST` (the previous content, complete); a file write leaves `.NAME.tmp-PID-R@HOST`. Only
/// entries of writers that are gone are touched: the process `PID` no longer exists on this host, or the entry is
/// older than `maxAge` and is not this process's (a pid can be reused, and no write takes hours). An entry of
/// another host (a cache on a shared disk) is judged by its age alone. (Names without `@HOST`, of earlier
/// versions, count as this host's.)
public enum StaleWrites {
    public static let maxAge: TimeInterval = 6 * 3600

    /// This writer: its pid and host, as `AtomicFile` names its temporaries.
    public static var writer: (pid: Int32, host: String) { AtomicFile.writer }

    /// One leftover entry.
    public struct Entry: Equatable, Sendable {
        public var url: URL
        /// The name of what was being written (`checkpoint` for `.checkpoint.tmp-…`).
        public var target: String
        public var pid: Int32
        /// The writer's host; nil for names of earlier versions (taken as this host).
        public var host: String?
        /// True for a `.NAME.old-PID` folder: the last complete content, moved aside.
        public var isPrevious: Bool
    }

    /// Leftovers of dead writers in `folder`.
    /// - Parameter othersAreGone: every writer but this process is known to be gone (the caller holds the folder's
    ///   lock), so pids are not looked at.
    public static func entries(in folder: URL, now: Date = Date(), othersAreGone: Bool = false) -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.compactMap { name -> Entry? in
            guard let entry = parse(name, in: folder),
                  othersAreGone ? !isThisProcess(entry) : isDead(entry, now: now) else { return nil }
            return entry
        }
    }

    /// Restores a folder whose writer died between moving the old content aside and renaming the new one into
    /// place (so the last complete checkpoint is never lost), then removes every other leftover of dead writers.
    /// - Parameter othersAreGone: as for `entries(in:now:othersAreGone:)`: the caller holds the folder's stage lock.
    /// - Returns: the entries removed or restored.
    @discardableResult
    public static func clean(_ folder: URL, now: Date = Date(), othersAreGone: Bool = false) -> [Entry] {
        let fm = FileManager.default
        let found = entries(in: folder, now: now, othersAreGone: othersAreGone)
        for entry in found where entry.isPrevious {
            let target = folder.appendingPathComponent(entry.target)
            if !fm.fileExists(atPath: target.path), rename(entry.url.path, target.path) == 0 { continue }
            try? fm.removeItem(at: entry.url)
        }
        for entry in found where !entry.isPrevious { try? fm.removeItem(at: entry.url) }
        return found
    }

    static func parse(_ name: String, in folder: URL) -> Entry? {
        guard name.hasPrefix(".") else { return nil }
        var body = Substring(name.dropFirst())
        var host: String?
        if let at = body.lastIndex(of: "@") {
            host = String(body[body.index(after: at)...])
            body = body[..<at]
        }
        let url = folder.appendingPathComponent(name)
        if let range = body.range(of: ".tmp-", options: .backwards) {
            let parts = body[range.upperBound...].split(separator: "-")
            guard parts.count == 2, let pid = Int32(parts[0]), UInt32(parts[1]) != nil else { return nil }
            return Entry(url: url, target: String(body[..<range.lowerBound]), pid: pid, host: host, isPrevious: false)
        }
        if let range = body.range(of: ".old-", options: .backwards), let pid = Int32(body[range.upperBound...]) {
            return Entry(url: url, target: String(body[..<range.lowerBound]), pid: pid, host: host, isPrevious: true)
        }
        return nil
    }

    static func isThisProcess(_ entry: Entry) -> Bool {
        entry.pid == getpid() && (entry.host == nil || entry.host == writer.host)
    }

    static func isDead(_ entry: Entry, now: Date) -> Bool {
        let local = entry.host == nil || entry.host == writer.host
        if local, entry.pid == getpid() { return false }
        if local, kill(entry.pid, 0) != 0 && errno == ESRCH { return true }
        let attributes = try? FileManager.default.attributesOfItem(atPath: entry.url.path)
        let modified = attributes?[.modificationDate] as? Date ?? now
        return now.timeIntervalSince(modified) > maxAge
    }
}
