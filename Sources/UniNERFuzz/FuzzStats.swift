import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What one fuzz process has seen so far, written as one `key=value` line that the driver sums.
struct FuzzStats {
    var target: String
    var cases = 0
    var errors = 0
    var accepted = 0
    var slowestSeconds = 0.0

    /// The process's peak resident set (VmHWM), in kB; 0 where /proc is missing.
    static func peakRSSKilobytes() -> Int {
        field("VmHWM:")
    }

    /// The current resident set (VmRSS), in kB.
    static func currentRSSKilobytes() -> Int {
        field("VmRSS:")
    }

    private static func field(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            return Int(line.dropFirst(name.count).split { $0 == " " || $0 == "\t" }.first ?? "") ?? 0
        }
        return 0
    }

    var line: String {
        "target=\(target) cases=\(cases) errors=\(errors) accepted=\(accepted) "
            + "slowest_ms=\(Int(slowestSeconds * 1000)) peak_rss_kb=\(Self.peakRSSKilobytes())"
    }

    /// Replaces `url` with the current line: written to a side file, then renamed over it, so a crash never
    /// leaves half a line (and without Foundation's sync to disk, so it can be written often).
    func write(to url: URL) {
        let side = url.path + ".tmp"
        guard (try? RawFile.write(Array((line + "\n").utf8), to: side)) != nil else { return }
        rename(side, url.path)
    }
}
