import Foundation
import Glibc

/// An external program (a teacher, a training command) started in its own process group with a clean signal
/// state, whose whole group can be ended: what `Process` does not give (its child inherits this process's
/// blocked signals and ignored SIGPIPE, and the grandchildren of a timed-out program outlive it).
///
/// Not swift-subprocess (1.0.2), which does start a child in its own group with a clean signal state: its
/// teardown stops as soon as the leader has exited, so after `.send(signal: .terminate, toProcessGroup: true, ...)`
/// a leader that dies on SIGTERM leaves a child that ignores SIGTERM running with no SIGKILL sent (checked with a
/// probe program: the grandchild was alive after the teardown). And it reaps the leader on its own monitor thread,
/// so a group kill sent afterwards may reach a reused process group. Here the group gets SIGKILL after the grace
/// period whatever the leader did, and `exitStatus` kills what is left of the group before reaping the leader.
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: `status` and `stdinOpen` are guarded by `lock`; the rest is set once in `init`.
    /// Where the program's standard streams go.
    public enum Streams: Sendable {
        /// Pipes to this process: `stdin`, `stdout` and `stderr` are our ends.
        case pipes
        /// stdin from /dev/null, stdout and stderr appended to a file (a log).
        case log(URL)
    }

    public let pid: pid_t
    /// Our ends of the child's stdin, stdout and stderr with `.pipes` (the readers of the last two close them);
    /// -1 with `.log`.
    public let stdin: Int32, stdout: Int32, stderr: Int32
    private let lock = NSLock()
    private var status: Int32?

    /// Starts `command` (found through `PATH`).
    /// - Throws: `POSIXError` when a pipe or the log cannot be opened or the program cannot be started.
    public init(command: [String], workingDirectory: String? = nil, streams: Streams = .pipes) throws {
        var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        switch streams {
        case .pipes:
            guard pipe(&input) == 0, pipe(&output) == 0, pipe(&errors) == 0 else {
                throw POSIXError(.init(rawValue: errno) ?? .EIO)
            }
            // Our ends must not leak into other children this process starts.
            for fd in [input[1], output[0], errors[0]] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, input[0], 0)
            posix_spawn_file_actions_adddup2(&actions, output[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
            for fd in [input[0], input[1], output[0], output[1], errors[0], errors[1]] {
                posix_spawn_file_actions_addclose(&actions, fd)
            }
        case .log(let url):
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, url.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        if let workingDirectory {
            guard let addChdir = Self.addChdir else {
                throw POSIXError(.ENOSYS)
            }
            _ = workingDirectory.withCString { addChdir(&actions, $0) }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)        // nothing blocked
        posix_spawnattr_setsigdefault(&attributes, &all)      // SIGPIPE and the rest at their defaults
        posix_spawnattr_setpgroup(&attributes, 0)             // its own group, led by itself
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        var child: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let result = posix_spawnp(&child, command[0], &actions, &attributes, argv, environ)
        for fd in [input[0], output[1], errors[1]] where fd >= 0 { Glibc.close(fd) }
        guard result == 0 else {
            for fd in [input[1], output[0], errors[0]] where fd >= 0 { Glibc.close(fd) }
            throw POSIXError(.init(rawValue: result) ?? .EIO)
        }
        pid = child
        stdin = input[1]
        stdout = output[0]
        stderr = errors[0]
    }

    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which the Swift module map does not expose.
    private static let addChdir: AddChdir? = {
        dlsym(UnsafeMutableRawPointer(bitPattern: -2), "posix_spawn_file_actions_addchdir_np")
            ?? dlsym(nil, "posix_spawn_file_actions_addchdir_np")
    }().map { unsafeBitCast($0, to: AddChdir.self) }

    /// The exit status (or 128 + signal) once the program has exited; nil while it runs. When it has exited,
    /// what is left of its group is killed before it is reaped, so the group id cannot have been reused.
    public var exitStatus: Int32? {
        lock.lock()
        defer { lock.unlock() }
        if let status { return status }
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0, info.si_signo != 0 else { return nil }
        _ = kill(-pid, SIGKILL)
        var raw: Int32 = 0
        guard waitpid(pid, &raw, 0) == pid else { return nil }
        let signal = raw & 0x7f
        status = signal == 0 ? (raw >> 8) & 0xff : 128 + signal
        return status
    }

    public var isRunning: Bool { exitStatus == nil }

    /// Ends the program's whole group: SIGTERM, then SIGKILL after `grace` seconds for what is still there;
    /// then reaps the program.
    public func terminateGroup(grace: Double = 1) {
        closeStdin()
        guard isRunning else {
            _ = kill(-pid, SIGKILL)
            return
        }
        _ = kill(-pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while isRunning, Date() < deadline { usleep(10_000) }
        _ = kill(-pid, SIGKILL)
        while isRunning { usleep(1_000) }
    }

    private var stdinOpen = true

    /// Closes our end of the program's stdin (it reads end of file).
    public func closeStdin() {
        lock.lock()
        defer { lock.unlock() }
        guard stdinOpen, self.stdin >= 0 else { return }
        stdinOpen = false
        Glibc.close(self.stdin)
    }

    // stdout and stderr are closed by the threads that read them, at end of file (the group is gone by then).
    deinit { terminateGroup(grace: 0) }
}
