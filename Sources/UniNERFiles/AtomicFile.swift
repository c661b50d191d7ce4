import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files and folders atomically: into a temporary sibling first, then `rename(2)`, so that readers see
/// the old content or the whole new one.
///
/// Temporaries are named `.NAME.tmp-PID-R@HOST` and `.NAME.old-PID@HOST` (the format `StaleWrites` in the core
/// parses), so that a later run can tell a dead writer's leftovers from a live one's, even on a shared disk.
/// One module below the core and the numerics, which both write this way and share no other dependency.
public enum AtomicFile {
    /// This writer: its pid and host, as temporary names carry them.
    public static let writer: (pid: Int32, host: String) = {
        let host = String(ProcessInfo.processInfo.hostName.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }
            .prefix(64))
        return (ProcessInfo.processInfo.processIdentifier, host)
    }()

    static func temporary(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(writer.pid)-\(UInt32.random(in: 0...UInt32.max))@\(writer.host)")
    }

    /// Writes `data` to `url` (creating its folder) through a temporary file in the same folder and a rename.
    /// - Throws: `AtomicFileError` naming the path.
    public static func write(_ data: Data, to url: URL) throws {
        let tmp = temporary(for: url)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: tmp)
        } catch {
            throw AtomicFileError(path: url.path, reason: "cannot write: \(error.localizedDescription)")
        }
        if rename(tmp.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw AtomicFileError(path: url.path, reason: "cannot rename into place: \(reason)")
        }
    }

    /// Writes `text` as UTF-8, as `write(_:to:)` does.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Builds a folder at `url` atomically: `fill` writes into a temporary sibling folder, which then replaces `url`.
    /// - Throws: what `fill` throws (the temporary folder is removed), or `AtomicFileError`.
    public static func writeFolder(_ url: URL, _ fill: (URL) throws -> Void) throws {
        let fm = FileManager.default
        let parent = url.deletingLastPathComponent()
        try? fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let tmp = temporary(for: url)
        do { try fm.createDirectory(at: tmp, withIntermediateDirectories: true) } catch {
            throw AtomicFileError(path: tmp.path, reason: "cannot create: \(error.localizedDescription)")
        }
        do { try fill(tmp) } catch { try? fm.removeItem(at: tmp); throw error }
        if fm.fileExists(atPath: url.path) {
            // Move the old folder aside first so that a crash never leaves no folder at all.
            let old = parent.appendingPathComponent(".\(url.lastPathComponent).old-\(writer.pid)@\(writer.host)")
            try? fm.removeItem(at: old)
            if rename(url.path, old.path) != 0 {
                throw AtomicFileError(path: url.path, reason: "cannot move old folder aside: \(String(cString: strerror(errno)))")
            }
            if rename(tmp.path, url.path) != 0 {
                throw AtomicFileError(path: url.path, reason: "cannot rename into place: \(String(cString: strerror(errno)))")
            }
            try? fm.removeItem(at: old)
        } else if rename(tmp.path, url.path) != 0 {
            throw AtomicFileError(path: url.path, reason: "cannot rename into place: \(String(cString: strerror(errno)))")
        }
    }
}
