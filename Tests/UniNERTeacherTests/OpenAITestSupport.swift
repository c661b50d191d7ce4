import Foundation
import UniNERCore

/// The paper's type prompt (Fig. 1), verbatim from PAPER.md, as a `PromptStyle` for these tests only;
/// the real prompt styles are the Prompting plugins.
struct PaperTypePromptStyle: PromptStyle {
    static let system = "You are a helpful information extraction system."
    static let instruction = "Given a passage, your task is to extract all entities and identify their entity types. The output should be in a list of tuples of the following format: [(\"entity 1\", \"type of entity 1\"), ... ]."

    var name: String { "type" }

    func teacherMessages(for passage: Passage) -> [ChatMessage] {
        [ChatMessage(role: "system", content: Self.system),
         ChatMessage(role: "user", content: Self.instruction + "\n\nPassage: " + passage.text)]
    }

    func label(forType type: String) throws -> String { type }
}

/// A fresh temporary folder for one test's work and cache directories.
func temporaryRunContext(environment: [String: String] = [:]) throws -> RunContext {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-teacher-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return RunContext(workDirectory: folder, cacheDirectory: folder.appendingPathComponent("cache"), environment: environment,
                      log: { line in if ProcessInfo.processInfo.environment["UNINER_TEST_LOG"] != nil { FileHandle.standardError.write(Data((line + "\n").utf8)) } })
}

/// The lines of a cache file, decoded.
func cacheRecords(_ url: URL) throws -> [[String: Any]] {
    let data = try Data(contentsOf: url)
    return try data.split(separator: 0x0A).map { try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] ?? [:] }
}
