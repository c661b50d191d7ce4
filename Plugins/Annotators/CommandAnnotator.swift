import Foundation
import UniNERCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A teacher that is an external program, so that an annotator can be added without recompiling.
///
/// ## Protocol (JSON lines over stdin/stdout)
/// The program is started once per run with the argv of `command` (resolved through `PATH`). For each
/// passage, in order, it receives one line on stdin:
/// ```json
/// {"id": "p1", "text": "Paris is in France.", "messages": [{"role": "system", "content": "..."}, {"role": "user", "content": "..."}]}
/// ```
/// (`messages` are the prompt style's teacher messages, for programs that call an LLM) and must answer,
/// before the next line is sent, with exactly one line on stdout, one of:
/// ```json
/// {"id": "p1", "mentions": [{"text": "Paris", "type": "location"}, {"text": "France", "type": "country"}]}
/// {"id": "p1", "output": "[(\"Paris\", \"location\")]"}
/// {"id": "p1", "error": "why this passage could not be annotated"}
/// ```
/// `mentions` are used as they are; `output` is a raw teacher answer, read by `TeacherOutputParser`; an
/// `error` leaves the passage out (counted in `passages_failed`). Mentions of both kinds go through the
/// paper's filters (`MentionFilter`). Blank lines are skipped; stdout must carry nothing else (write logs
/// to stderr). When stdin closes, the program should exit.
///
/// ## Failures
/// - the program cannot be started, exits or closes stdout before answering every passage:
///   `CommandAnnotatorError` `.exited` with the exit status and the end of its stderr;
/// - a line that is not one of the three answers: `.garbage` with the line;
/// - an answer for another id: `.unexpectedID`;
/// - no answer within `timeout_s`: the program's process group is ended (SIGTERM, then SIGKILL), the passage is
///   left out (`command_timeouts`) and the program is restarted for the next passage; three timeouts in a row:
///   `.timedOut`;
/// - a stdout line longer than `max_line_mb`: `.lineTooLong`;
/// - every passage failed (answered `error` or timed out): `UniNERError`, as for the `openai` annotator. Failed
///   passages are listed in the result, so the annotations stage is not cached as complete and a rerun asks again.
///
/// The program runs in its own process group with no signal blocked and every signal at its default, whatever
/// this process blocks or ignores.
public struct CommandAnnotator: Annotator {
    public struct Options: PluginOptions {
        public static let optionSpecs: [OptionSpec] = [
            OptionSpec("command", "list of strings", "the program and its arguments, e.g. [python3, my_teacher.py]"),
            OptionSpec("timeout_s", "number", default: "60", "seconds the program may take per passage", range: .positive),
            OptionSpec("working_directory", "path", default: "null", "folder to run the program in (default: the current one)"),
            OptionSpec("max_line_mb", "number", default: "64", "longest answer line accepted, in MB", range: .positive),
        ]

        public var command: [String]
        public var timeoutSeconds: Double
        public var workingDirectory: String?
        /// The longest stdout line accepted, in bytes.
        public var maxLineBytes: Int

        enum CodingKeys: String, CodingKey {
            case command, timeoutSeconds = "timeout_s", workingDirectory = "working_directory", maxLineMB = "max_line_mb"
        }

        public init(command: [String], timeoutSeconds: Double = 60, workingDirectory: String? = nil,
                    maxLineBytes: Int = 64 << 20) {
            self.command = command
            self.timeoutSeconds = timeoutSeconds
            self.workingDirectory = workingDirectory
            self.maxLineBytes = maxLineBytes
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let megabytes = try container.decode(.maxLineMB, default: 64.0)
            self.init(command: try container.decode([String].self, forKey: .command),
                      timeoutSeconds: try container.decode(.timeoutSeconds, default: 60),
                      workingDirectory: try container.decodeIfPresent(String.self, forKey: .workingDirectory),
                      maxLineBytes: Int(min(megabytes, 1_048_576) * 1_048_576))
            guard !command.isEmpty, !command[0].isEmpty else {
                throw InvalidOption("command", "must name a program", help: "write e.g. command: [python3, teacher.py]")
            }
            guard timeoutSeconds > 0 else { throw InvalidOption("timeout_s", "must be positive") }
        }
    }

    /// Timeouts in a row after which the run stops.
    public static let maxConsecutiveTimeouts = 3

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// Annotates every passage through the program.
    /// - Throws: `CommandAnnotatorError` when the program fails as described in the type's documentation.
    public func annotate(_ passages: [Passage], style: any PromptStyle, context: RunContext) async throws -> AnnotationResult {
        let started = Date()
        var report = StageReport()
        report.add("passages", Double(passages.count))
        var annotated: [AnnotatedPassage] = []
        var session: CommandSession? = nil
        var consecutiveTimeouts = 0
        var failed: [String] = []
        var firstFailure: String?
        defer { session?.kill() }

        for passage in passages {
            try Task.checkCancellation()
            if session == nil {
                session = try CommandSession(command: options.command, workingDirectory: options.workingDirectory,
                                             maxLineBytes: options.maxLineBytes)
            }
            guard let running = session else { continue }
            let request = CommandRequest(id: passage.id, text: passage.text, messages: style.teacherMessages(for: passage))
            let answer: CommandAnswer
            do {
                answer = try await running.ask(request, timeout: options.timeoutSeconds)
            } catch is CommandSession.Timeout {
                running.kill()
                session = nil
                consecutiveTimeouts += 1
                report.add("command_timeouts")
                report.add("passages_failed")
                failed.append(passage.id)
                firstFailure = firstFailure ?? "passage '\(passage.id)': no answer within \(options.timeoutSeconds) s"
                context.log("command annotator: no answer for passage '\(passage.id)' within \(options.timeoutSeconds) s; restarting the program")
                if consecutiveTimeouts >= Self.maxConsecutiveTimeouts {
                    throw CommandAnnotatorError(command: options.command,
                                                reason: .timedOut(passageID: passage.id, seconds: options.timeoutSeconds,
                                                                  consecutive: consecutiveTimeouts),
                                                stderr: running.stderrTail)
                }
                continue
            }
            consecutiveTimeouts = 0
            switch answer.content {
            case .error(let message):
                report.add("passages_failed")
                failed.append(passage.id)
                let note = "passage '\(passage.id)': \(TerminalText.escaped(message.prefix(500), keepNewlines: false))"
                firstFailure = firstFailure ?? note
                if report["passages_failed"] <= 3 { report.notes.append(note) }
            case .mentions(let mentions):
                report.add("mentions_raw", Double(mentions.count))
                annotated.append(AnnotatedPassage(passage: passage,
                                                  mentions: MentionFilter.apply(mentions, passage: passage.text, report: &report)))
            case .output(let output):
                guard let mentions = TeacherOutputParser.parse(output) else {
                    report.add("unparseable_outputs")
                    report.add("failures_unparseable_output")
                    continue
                }
                report.add("mentions_raw", Double(mentions.count))
                annotated.append(AnnotatedPassage(passage: passage,
                                                  mentions: MentionFilter.apply(mentions, passage: passage.text, report: &report)))
            }
        }
        if let running = session {
            await running.finish()
            session = nil
        }
        if !passages.isEmpty, failed.count == passages.count {
            throw UniNERError("the command teacher failed on all \(passages.count) passages (first: \(firstFailure ?? "?"))",
                              help: "run the program by hand on one line of its input (see CommandAnnotator's protocol) and check its stderr")
        }
        report.add("passages_annotated", Double(annotated.count))
        let seconds = Date().timeIntervalSince(started)
        report.add("seconds", seconds)
        report.add("passages_per_second", (Double(passages.count) - report["passages_failed"]) / max(seconds, 1e-9))
        return AnnotationResult(passages: annotated, report: report, failedPassageIDs: failed)
    }
}

/// The external program failed in a way that stops the run.
public struct CommandAnnotatorError: LocalizedError, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// The program could not be started.
        case launchFailed(String)
        /// It exited (or closed stdout) while `passageID` was waiting for an answer.
        case exited(status: Int32, passageID: String)
        /// It wrote a line that is not an answer.
        case garbage(passageID: String, line: String)
        /// It answered for another passage.
        case unexpectedID(expected: String, line: String)
        /// It timed out on this many passages in a row.
        case timedOut(passageID: String, seconds: Double, consecutive: Int)
        /// It wrote a stdout line longer than `limit` bytes.
        case lineTooLong(passageID: String, limit: Int)
    }

    public var command: [String]
    public var reason: Reason
    /// The last lines the program wrote to stderr.
    public var stderr: String

    public init(command: [String], reason: Reason, stderr: String = "") {
        self.command = command
        self.reason = reason
        self.stderr = stderr
    }

    public var errorDescription: String? {
        let program = command.joined(separator: " ")
        var text: String
        var help = "the program must answer each stdin line with one stdout line {\"id\", \"mentions\": [{\"text\", \"type\"}]} or {\"id\", \"error\"}; see CommandAnnotator"
        switch reason {
        case .launchFailed(let message):
            text = "command annotator could not start '\(program)': \(message)"
            help = "check 'command' in the recipe: the program must exist and be executable"
        case .exited(let status, let passageID):
            text = "command annotator '\(program)' exited with status \(status) before answering passage '\(passageID)'"
        case .garbage(let passageID, let line):
            text = "command annotator '\(program)' wrote a line that is not an answer, for passage '\(passageID)': \(TerminalText.escaped(line.prefix(500), keepNewlines: false))"
            help = "write only answers to stdout (logs go to stderr); " + help
        case .unexpectedID(let expected, let line):
            text = "command annotator '\(program)' answered for another passage (expected id '\(expected)'): \(TerminalText.escaped(line.prefix(500), keepNewlines: false))"
        case .lineTooLong(let passageID, let limit):
            text = "command annotator '\(program)' wrote a line of more than \(limit / 1_048_576) MB for passage '\(passageID)'"
            help = "raise 'max_line_mb' in the annotator section if answers are really this long; otherwise check that the program ends each answer with a newline"
        case .timedOut(let passageID, let seconds, let consecutive):
            text = "command annotator '\(program)' gave no answer within \(seconds) s for \(consecutive) passages in a row (last: '\(passageID)')"
            help = "raise 'timeout_s', or check that the program flushes stdout after each line"
        }
        let tail = TerminalText.escaped(stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        if !tail.isEmpty { text += "\n  stderr: " + tail.split(separator: "\n").suffix(10).joined(separator: "\n          ") }
        return "error: \(text)\n  help: \(help)"
    }
}

/// One line sent to the program.
struct CommandRequest: Encodable {
    var id: String
    var text: String
    var messages: [ChatMessage]
}

/// One line received from the program.
struct CommandAnswer: Decodable {
    enum Content {
        case mentions([Mention])
        case output(String)
        case error(String)
    }

    var id: String
    var content: Content

    enum CodingKeys: String, CodingKey { case id, mentions, output, error }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        if let mentions = try container.decodeIfPresent([Mention].self, forKey: .mentions) {
            content = .mentions(mentions)
        } else if let output = try container.decodeIfPresent(String.self, forKey: .output) {
            content = .output(output)
        } else if container.contains(.error) {
            let message = (try? container.decode(String.self, forKey: .error)) ?? "(no message)"
            content = .error(message)
        } else {
            throw DecodingError.keyNotFound(CodingKeys.mentions, .init(codingPath: [], debugDescription: "no 'mentions', 'output' or 'error'"))
        }
    }
}
