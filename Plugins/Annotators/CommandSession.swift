import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let sendSignal = Glibc.kill
#else
private let sendSignal = Darwin.kill
#endif

/// A running external program of the `command` annotator: its pipes, a stdout line queue and a stderr tail.
final class CommandSession: @unchecked Sendable {
    // @unchecked: `process` and the pipes are used from the owning task only; the reader threads touch
    // only the lock-protected `LineQueue` and `StderrTail`.
    /// No answer within the timeout.
    struct Timeout: Error {}

    let command: [String]
    private let process = Process()
    private let stdinPipe = Pipe()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let lines = LineQueue()
    private let stderrBuffer = StderrTail()
    private var stdinClosed = false

    init(command: [String], workingDirectory: String?) throws {
        self.command = command
        Self.ignoreSIGPIPE
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        do {
            try process.run()
        } catch {
            throw CommandAnnotatorError(command: command, reason: .launchFailed(error.localizedDescription))
        }
        let stdoutFD = stdoutPipe.fileHandleForReading.fileDescriptor
        let stderrFD = stderrPipe.fileHandleForReading.fileDescriptor
        let lines = lines
        let stderrBuffer = stderrBuffer
        Thread { Self.readLines(fd: stdoutFD, into: lines) }.start()
        Thread { Self.readTail(fd: stderrFD, into: stderrBuffer) }.start()
    }

    /// A write to a pipe whose reader died must fail with EPIPE, not kill this process.
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

    /// Closes stdin and waits briefly for the program to exit, then kills it.
    func finish() async {
        closeStdin()
        for _ in 0..<500 where process.isRunning { try? await Task.sleep(nanoseconds: 10_000_000) }
        kill()
    }

    /// Kills the program (SIGKILL) if it still runs.
    func kill() {
        closeStdin()
        if process.isRunning { _ = sendSignal(process.processIdentifier, SIGKILL) }
    }

    private func closeStdin() {
        guard !stdinClosed else { return }
        stdinClosed = true
        try? stdinPipe.fileHandleForWriting.close()
    }

    private func writeAll(_ data: Data) -> Bool {
        let fd = stdinPipe.fileHandleForWriting.fileDescriptor
        return data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
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
        for _ in 0..<200 where process.isRunning { try? await Task.sleep(nanoseconds: 10_000_000) }
        let status: Int32 = process.isRunning ? -1 : process.terminationStatus
        // Give the stderr reader a moment to drain what the program wrote before dying.
        try? await Task.sleep(nanoseconds: 50_000_000)
        return CommandAnnotatorError(command: command, reason: .exited(status: status, passageID: passageID), stderr: stderrTail)
    }

    private static func readLines(fd: Int32, into queue: LineQueue) {
        var pending = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            pending.append(contentsOf: buffer[0..<count])
            while let newline = pending.firstIndex(of: 0x0A) {
                queue.push(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                pending = Data(pending[(newline + 1)...])
            }
        }
        if !pending.isEmpty { queue.push(String(decoding: pending, as: UTF8.self)) }
        queue.finish()
    }

    private static func readTail(fd: Int32, into tail: StderrTail) {
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
    }

    private let lock = NSLock()
    private var lines: [String] = []
    private var closed = false
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

    func finish() {
        lock.lock()
        closed = true
        let waiter = self.waiter
        self.waiter = nil
        lock.unlock()
        waiter?.continuation.resume(returning: .eof)
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
                lock.unlock()
                continuation.resume(returning: .eof)
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
