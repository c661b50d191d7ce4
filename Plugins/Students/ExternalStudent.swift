import Foundation
import UniNERCore
import UniNERPrompting

/// A student trained outside this tool: the instruction data is exported in the released Pile-NER-type format
/// and a user-given command trains on it (e.g. the official FastChat/torchrun recipe for LLaMA-7B on a GPU
/// cluster). The trained model is then evaluated through a `predictor:` that serves it (e.g. `openai` on vLLM).
///
/// Placeholders in `command`: `{data}` is the exported `train.json`, `{output}` the model folder this stage owns,
/// `{seed}` the recipe seed. Each is shell-quoted where it is substituted.
public struct ExternalStudent: Student {
    public struct Options: PluginOptions {
        public var command: String
        public var timeoutSeconds: Double?
        public var indent: Int?

        public static let optionSpecs: [OptionSpec] = [
            OptionSpec("command", "string", "shell command that trains on {data} and writes into {output}; {seed} is the seed"),
            OptionSpec("timeout_s", "number", default: "none", "kill the command after this many seconds", range: .positive),
            OptionSpec("indent", "int", default: "none", "indentation of the exported train.json (none: one line, as json.dump)", range: .nonNegative),
        ]

        enum CodingKeys: String, CodingKey { case command, timeoutSeconds = "timeout_s", indent }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            command = try c.decode(String.self, forKey: .command)
            timeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .timeoutSeconds)
            indent = try c.decodeIfPresent(Int.self, forKey: .indent)
            if command.trimmingCharacters(in: .whitespaces).isEmpty {
                throw InvalidOption("command", "must not be empty", help: "e.g. 'bash train.sh {data} {output}'")
            }
            if let timeoutSeconds, timeoutSeconds <= 0 { throw InvalidOption("timeout_s", "must be positive") }
        }
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    public func train(_ examples: [InstructionExample], into directory: URL, context: RunContext) async throws -> ModelArtifact {
        let data = directory.appendingPathComponent("train.json")
        let output = directory.appendingPathComponent("output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try PileNERFormat.write(examples.map(ConversationRenderer.conversation(for:)), to: data, indent: options.indent)
        let command = options.command
            .replacingOccurrences(of: "{data}", with: Self.quote(data.path))
            .replacingOccurrences(of: "{output}", with: Self.quote(output.path))
            .replacingOccurrences(of: "{seed}", with: String(context.seed))
        try AtomicFile.write(command + "\n", to: directory.appendingPathComponent("command.txt"))
        context.log("[external student] \(command)")
        let started = Date()
        let status = try Self.runShell(command, log: directory.appendingPathComponent("train.log"),
                                       timeout: options.timeoutSeconds)
        guard status == 0 else {
            let tail = (try? String(contentsOf: directory.appendingPathComponent("train.log"), encoding: .utf8))
                .map { $0.split(separator: "\n").suffix(10).joined(separator: "\n") } ?? ""
            throw UniNERError("the external training command exited with status \(status)",
                              help: "see \(directory.path)/train.log; its last lines:\n\(tail)")
        }
        let report = StageReport(counters: ["conversations": Double(examples.count), "exit status": 0,
                                            "seconds": Date().timeIntervalSince(started)],
                                 notes: ["trained by: \(command)", "model folder: \(output.path)"])
        return ModelArtifact(folder: output, info: ["trained by": command], report: report)
    }

    public func predictor(for model: ModelArtifact, context: RunContext) throws -> any Predictor {
        throw UniNERError("an external student's model is served outside this tool",
                          help: "add 'predictor: {kind: openai, base_url: ..., model: ...}' pointing at the server "
                              + "that serves \(model.folder.path) (e.g. vLLM)")
    }

    /// Runs `/bin/sh -c command`, sending stdout and stderr to `log`; returns the exit status. The command runs
    /// in its own process group with a clean signal state; past `timeout` the whole group is ended (a training
    /// launcher's workers too, not only the shell).
    static func runShell(_ command: String, log: URL, timeout: Double?) throws -> Int32 {
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let child: ChildProcess
        do {
            child = try ChildProcess(command: ["/bin/sh", "-c", command], streams: .log(log))
        } catch {
            throw UniNERError("cannot start the external training command: \(error.localizedDescription)",
                              help: "check that /bin/sh exists and \(log.path) is writable")
        }
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        while child.isRunning {
            if let deadline, Date() >= deadline {
                child.terminateGroup(grace: 2)
                throw UniNERError("the external training command ran past its timeout of \(Int(timeout ?? 0)) s",
                                  help: "raise 'student.timeout_s' or check \(log.path)")
            }
            usleep(50_000)
        }
        return child.exitStatus ?? -1
    }

    /// Single-quotes a path for the shell.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
