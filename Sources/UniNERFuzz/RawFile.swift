#if canImport(Glibc)
import Glibc
#endif

/// Writes files with plain `open`/`write`/`close`: Foundation's `Data.write` syncs each file to disk, which
/// made writing two small files per case cost most of a fuzz run's time.
enum RawFile {
    /// Replaces the file at `path` with `bytes`.
    /// - Throws: `RawFileError` when it cannot be opened or written.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw RawFileError(path: path, code: errno) }
        defer { close(descriptor) }
        var written = 0
        try bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let result = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                guard result > 0 else { throw RawFileError(path: path, code: errno) }
                written += result
            }
        }
    }
}
