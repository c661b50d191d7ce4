import Foundation
import UniNERCore
import UniNERDatasets

/// Worked examples put before each passage the teacher is asked about (few-shot prompting).
///
/// The paper asks ChatGPT zero-shot, and so does the `openai` annotator unless a recipe names a demonstrations
/// file. Small local teachers need them: SmolLM2-135M answers the bare Fig. 1 prompt with Python code, and with
/// two demonstrations it answers with lists of mentions from the passage. Each demonstration is laid out exactly
/// like the real question (the prompt style's own user message) followed by the answer as an assistant turn, so
/// the prompt style still decides the wording.
///
/// File format, one JSON object per line (blank lines and lines starting with `#` are skipped):
/// ```
/// {"passage": "Geoffrey Hinton taught at the University of Toronto.", "output": "[(\"Geoffrey Hinton\", \"person\"), (\"University of Toronto\", \"university\")]"}
/// ```
public struct TeacherDemonstrations: Sendable, Equatable {
    public struct Demonstration: Sendable, Equatable {
        public var passage: String
        /// The answer as the teacher should write it; it must parse as a list of (mention, type) pairs.
        public var output: String

        public init(passage: String, output: String) {
            self.passage = passage
            self.output = output
        }
    }

    public var demonstrations: [Demonstration]
    /// SHA-256 of the file's bytes: part of the annotations' cache key, so editing the file re-asks the teacher.
    public var digest: String

    public init(demonstrations: [Demonstration], digest: String) {
        self.demonstrations = demonstrations
        self.digest = digest
    }

    /// Reads and checks a demonstrations file.
    /// - Throws: `DataError` for an unreadable or non-UTF-8 file, and, with its line, for a line that is not a JSON
    ///   object with string fields `passage` and `output` or whose `output` the teacher-output parser cannot read.
    public static func read(_ url: URL) throws -> TeacherDemonstrations {
        let file = try DataFile(url, unreadableHelp: "check the path given as 'annotator.demonstrations' (relative paths start at the working directory)")
        var demonstrations: [Demonstration] = []
        try file.forEachLine { number, range in
            let line = file.string(range).trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { return }
            let help = #"write one object per line: {"passage": "...", "output": "[(\"mention\", \"type\"), ...]"}"#
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                throw file.error(line: number, "not a JSON object", help: help)
            }
            guard let passage = object["passage"] as? String, !passage.isEmpty,
                  let output = object["output"] as? String else {
                throw file.error(line: number,
                                 "a demonstration needs a non-empty string 'passage' and a string 'output'", help: help)
            }
            guard TeacherOutputParser.parse(output) != nil else {
                throw file.error(line: number,
                                 "the demonstration's 'output' is not a list of (mention, type) pairs: \(output.prefix(80))",
                                help: #"write the answer as the teacher should: [("mention", "type"), ...], or [] for none"#)
            }
            demonstrations.append(Demonstration(passage: passage, output: output))
        }
        guard !demonstrations.isEmpty else {
            throw DataError(file: url.path, "the demonstrations file holds no demonstration",
                            help: "add at least one line, or leave 'annotator.demonstrations' out for the paper's zero-shot prompt")
        }
        return TeacherDemonstrations(demonstrations: demonstrations, digest: SHA256.hex(bytes: file.bytes))
    }

    /// The messages asking about `passage`: the style's system messages, then per demonstration the style's
    /// question about the demonstration passage and its answer, then the style's question about `passage`.
    public func messages(for passage: Passage, style: any PromptStyle) -> [ChatMessage] {
        let target = style.teacherMessages(for: passage)
        let system = target.prefix { $0.role == "system" }
        var messages = Array(system)
        for demonstration in demonstrations {
            let asked = style.teacherMessages(for: Passage(id: "demonstration", text: demonstration.passage))
            messages += asked.drop { $0.role == "system" }
            messages.append(ChatMessage(role: "assistant", content: demonstration.output))
        }
        messages += target.dropFirst(system.count)
        return messages
    }
}
