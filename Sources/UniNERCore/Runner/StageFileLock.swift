import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An advisory lock on a stage's cache folder, shared by every process (and machine) that uses the cache: the
/// holder computes the stage, the others wait and then read its `done.json`.
///
/// It is a POSIX record lock (`fcntl(F_SETLK)`) on `<cache>/<stage>/<key>/.lock`: the kernel releases it when the
/// holder dies, however it dies (SIGKILL included), and NFS carries such locks between machines (NLM on v3, the
/// protocol itself on v4; the server frees a dead client's locks when its lease ends). The file holds who has the
/// lock (pid, host, since when), for the waiters' log lines; it stays in place, since removing it would let two
/// processes lock two different files of one name.
///
/// A record lock belongs to the process, so two tasks of one process would both get it: `Pipeline` serialises
/// its own tasks first (`StageLocks`) and takes this lock inside.
public final class StageFileLock: @unchecked Sendable {
    // @unchecked: `descriptor` is set once in `acquire` and cleared once in `release`, by the one task holding it.
    /// Who holds (or last held) a lock, as written into the lock file.
    public struct Holder: Codable, Equatable, Sendable, CustomStringConvertible {
        public var pid: Int32
        public var host: String
        public var since: Date

        public var description: String {
            "pid \(pid) on \(host) since \(ISO8601DateFormatter().string(from: since))"
        }

        /// This process.
        public static var current: Holder {
            Holder(pid: getpid(), host: ProcessInfo.processInfo.hostName, since: Date())
        }
    }

    /// How acquiring went, for the log.
    public enum Outcome: Equatable, Sendable {
        /// Nobody held it.
        case free
        /// Another process held it and released it (finished, or died) while we waited.
        case waited(for: Holder?, seconds: Double)
    }

    public let url: URL
    private var descriptor: Int32 = -1

    /// A lock on `folder/.lock` (the folder must exist).
    public init(folder: URL) {
        url = folder.appendingPathComponent(".lock")
    }

    /// Takes the lock, polling while another process holds it.
    ///
    /// Polling (rather than a blocking `F_SETLKW`) keeps the waiting task from blocking a thread of Swift's
    /// cooperative pool, and gives the waiter a moment to say who it waits for.
    /// - Parameters:
    ///   - interval: seconds between two attempts.
    ///   - waiting: called once, when the lock is found taken, with its holder as the lock file names it.
    /// - Throws: `UniNERError` when the lock file cannot be opened or the file system refuses locks.
    public func acquire(interval: Double = 0.25, waiting: (Holder?) -> Void = { _ in }) async throws -> Outcome {
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw UniNERError("cannot open the stage lock \(url.path): \(String(cString: strerror(errno)))",
                              help: "check that the cache folder is writable (--cache)")
        }
        var waitedSince: Date?
        var holder: Holder?
        while true {
            if Self.lock(fd, type: Int16(F_WRLCK)) { break }
            let code = errno
            guard code == EAGAIN || code == EACCES || code == EINTR else {
                close(fd)
                throw UniNERError("cannot lock \(url.path): \(String(cString: strerror(code)))",
                                  help: "the cache's file system must support POSIX locks (on NFS, run the lock service: "
                                      + "rpc.statd for NFSv3); or give each run its own --cache")
            }
            if waitedSince == nil {
                waitedSince = Date()
                holder = Self.readHolder(fd)
                waiting(holder)
            }
            do {
                try await Task.sleep(nanoseconds: UInt64(interval * 1e9))
            } catch {
                close(fd)
                throw error
            }
        }
        descriptor = fd
        let me = try? JSONEncoder.stable.encode(Holder.current)
        if let me {
            _ = ftruncate(fd, 0)
            _ = me.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        }
        return waitedSince.map { .waited(for: holder, seconds: Date().timeIntervalSince($0)) } ?? .free
    }

    /// Releases the lock (closing the descriptor releases it too; both are done).
    public func release() {
        guard descriptor >= 0 else { return }
        _ = Self.lock(descriptor, type: Int16(F_UNLCK))
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    static func lock(_ fd: Int32, type: Int16) -> Bool {
        var region = flock()
        region.l_type = type
        region.l_whence = Int16(SEEK_SET)
        region.l_start = 0
        region.l_len = 0  // the whole file
        return fcntl(fd, F_SETLK, &region) == 0
    }

    /// The holder the lock file names (the current one while it is held), if it can be read.
    static func readHolder(_ fd: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return try? JSONDecoder().decode(Holder.self, from: Data(buffer[0..<count]))
    }
}
