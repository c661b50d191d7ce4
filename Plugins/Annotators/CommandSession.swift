import Foundation
import UniNERCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A running external program of the `command` annotator: its pipes, a stdout line queue and a stderr tail.
/// Started through `ChildProcess`, not swift-subprocess, for the group kill on timeout (see `ChildProcess`).
final class CommandSession: @unchecked Sendable {
    // @unchecked: `child` is used from the owning task only; the reader threads touch only the lock-protected
    // `LineQueue` and `StderrTail`.
    /// No answer within the timeout.
    struct Timeout: Error {}

    let command: [String]
    private let child: ChildProcess
    private let lines = LineQueue()
    private let stderrBuffer = StderrTail()

    /// - Parameter maxLineBytes: the longest stdout line accepted; a longer one ends the session with an error.
    init(command: [String], workingDirectory: String?, maxLineBytes: Int) throws {
        self.command = command
        Self.ignoreSIGPIPE
        do {
            child = try ChildProcess(command: command, workingDirectory: workingDirectory)
        } catch {
            throw CommandAnnotatorError(command: command, reason: .launchFailed(error.localizedDescription))
        }
        let stdoutFD = child.stdout
        let stderrFD = child.stderr
        let lines = lines
        let stderrBuffer = stderrBuffer
        Thread { Self.readLines(fd: stdoutFD, into: lines, maxLineBytes: maxLineBytes) }.start()
        Thread { Self.readTail(fd: stderrFD, into: stderrBuffer) }.start()
    }

    /// A write to a pipe whose reader died must fail with EPIPE, not kill this process. (The program itself
    /// starts with SIGPIPE at its default: see `ChildProcess`.)
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    var stderrTail: String { stderrBuffer.text }

    /// Sends one request line and waits for its answer.
    /// - Throws: `Timeout`; `CommandAnnotatorError` when the program exits or answers wrongly.
    func ask(_ request: CommandRequest, timeout: Double) async throws -> CommandAnswer {
        var data = try JSONEncoder().encode(request)
        data.append(0x0A)
        if !writeAll(data) {
            throw await exitError(passageID: request.id)
        }
        while true {
            switch await lines.next(timeout: timeout) {
            case .timeout:
                throw Timeout()
            case .eof:
                throw await exitError(passageID: request.id)
            case .tooLong(let limit):
                throw CommandAnnotatorError(command: command, reason: .lineTooLong(passageID: request.id, limit: limit),
                                            stderr: stderrTail)
            case .line(let line):
                if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                guard let answer = try? JSONDecoder().decode(CommandAnswer.self, from: Data(line.utf8)) else {
                    throw CommandAnnotatorError(command: command, reason: .garbage(passageID: request.id, line: line),
                                                stderr: stderrTail)
                }
                guard answer.id == request.id else {
                    throw CommandAnnotatorError(command: command, reason: .unexpectedID(expected: request.id, line: line),
                                                stderr: stderrTail)
                }
                return answer
            }
        }
    }

    /// Closes stdin and waits up to 5 s for the program to exit, then ends its process group.
    func finish() async {
        child.closeStdin()
        for _ in 0..<500 where child.isRunning { try? await Task.sleep(nanoseconds: 10_000_000) }
        kill()
    }

    /// Ends the program and every process it started in its group (SIGTERM, then SIGKILL).
    func kill() {
        child.terminateGroup()
    }

    private func writeAll(_ data: Data) -> Bool {
        let fd = child.stdin
        return data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// The error for a program that is gone: waits up to 2 s for its exit status.
    private func exitError(passageID: String) async -> CommandAnnotatorError {
        for _ in 0..<200 where child.isRunning { try? await Task.sleep(nanoseconds: 10_000_000) }
        let status: Int32 = child.exitStatus ?? -1
        // Give the stderr reader a moment to drain what the program wrote before dying.
        try? await Task.sleep(nanoseconds: 50_000_000)
        return CommandAnnotatorError(command: command, reason: .exited(status: status, passageID: passageID), stderr: stderrTail)
    }

    /// Splits stdout into lines in time linear in its length (each byte is scanned once), refusing a line longer
    /// than `maxLineBytes`; closes `fd` at the end.
    static func readLines(fd: Int32, into queue: LineQueue, maxLineBytes: Int) {
        defer { close(fd) }
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            var lineStart = 0
            for index in 0..<count where buffer[index] == 0x0A {
                pending.append(contentsOf: buffer[lineStart..<index])
                queue.push(String(decoding: pending, as: UTF8.self))
                pending.removeAll(keepingCapacity: true)
                lineStart = index + 1
            }
            pending.append(contentsOf: buffer[lineStart..<count])
            if pending.count > maxLineBytes {
                queue.fail(.tooLong(maxLineBytes))
                return
            }
        }
        if !pending.isEmpty { queue.push(String(decoding: pending, as: UTF8.self)) }
        queue.finish()
    }

    private static func readTail(fd: Int32, into tail: StderrTail) {
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            tail.append(buffer[0..<count])
        }
    }
}

/// Lines read from a program's stdout, handed to one waiter at a time with a timeout.
final class LineQueue: @unchecked Sendable {
    // @unchecked: all state is guarded by `lock`.
    enum Event: Sendable, Equatable {
        case line(String)
        case eof
        case timeout
        /// A line longer than this many bytes: the reader stopped.
        case tooLong(Int)
    }

    private let lock = NSLock()
    private var lines: [String] = []
    private var closed = false
    private var closing: Event = .eof
    private var waiter: (id: UInt64, continuation: CheckedContinuation<Event, Never>)?
    private var nextID: UInt64 = 0

    func push(_ line: String) {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.continuation.resume(returning: .line(line))
        } else {
            lines.append(line)
            lock.unlock()
        }
    }

    func finish() { fail(.eof) }

    /// Ends the queue: once the lines before it are taken, every wait returns `event`.
    func fail(_ event: Event) {
        lock.lock()
        closed = true
        closing = event
        let waiter = self.waiter
        self.waiter = nil
        lock.unlock()
        waiter?.continuation.resume(returning: event)
    }

    /// The next line, `.eof` once stdout is closed and drained, or `.timeout` after `timeout` seconds.
    func next(timeout: Double) async -> Event {
        await withCheckedContinuation { continuation in
            lock.lock()
            if !lines.isEmpty {
                let line = lines.removeFirst()
                lock.unlock()
                continuation.resume(returning: .line(line))
                return
            }
            if closed {
                let event = closing
                lock.unlock()
                continuation.resume(returning: event)
                return
            }
            nextID += 1
            let id = nextID
            waiter = (id, continuation)
            lock.unlock()
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [self] in
                lock.lock()
                guard let waiter, waiter.id == id else {
                    lock.unlock()
                    return
                }
                self.waiter = nil
                lock.unlock()
                waiter.continuation.resume(returning: .timeout)
            }
        }
    }
}

/// The last few kilobytes a program wrote to stderr.
final class StderrTail: @unchecked Sendable {
    // @unchecked: `data` is guarded by `lock`.
    private let lock = NSLock()
    private var data = Data()
    private let limit = 4096

    func append(_ bytes: ArraySlice<UInt8>) {
        lock.lock()
        data.append(contentsOf: bytes)
        if data.count > limit { data = Data(data.suffix(limit)) }
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
