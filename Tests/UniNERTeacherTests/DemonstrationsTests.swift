import Foundation
import UniNERAnnotators
import UniNERCore
import XCTest

/// Few-shot demonstrations for the `openai` annotator: what the teacher is sent, what a bad file says, and that
/// editing the file changes the cache identity.
final class DemonstrationsTests: XCTestCase {
    private func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("demonstrations-\(UUID().uuidString).jsonl")
        try Data(text.utf8).write(to: url)
        return url
    }

    private let twoDemonstrations = """
        # a comment line
        {"passage": "Ada Lovelace wrote about the Analytical Engine.", "output": "[(\\"Ada Lovelace\\", \\"person\\"), (\\"Analytical Engine\\", \\"machine\\")]"}

        {"passage": "Nothing here.", "output": "[]"}
        """

    func testRequestCarriesEachDemonstrationAsAQuestionAndAnAnswerBeforeThePassage() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let file = try write(twoDemonstrations)
        var options = try CacheTests.annotator(server.baseURL).options
        options.demonstrations = file.path
        let teacher = try OpenAIAnnotator(options: options)
        let passage = Passage(id: "p0", text: "Grace Hopper joined the Navy.")
        let result = try await teacher.annotate([passage], style: PaperTypePromptStyle(), context: try temporaryRunContext())
        XCTAssertEqual(result.report["demonstrations"], 2)
        XCTAssertEqual(result.passages.count, 1)

        let messages = try XCTUnwrap(try server.requests().first?.body.messages)
        let instruction = PaperTypePromptStyle.instruction
        XCTAssertEqual(messages, [
            .init(role: "system", content: PaperTypePromptStyle.system),
            .init(role: "user", content: instruction + "\n\nPassage: Ada Lovelace wrote about the Analytical Engine."),
            .init(role: "assistant", content: #"[("Ada Lovelace", "person"), ("Analytical Engine", "machine")]"#),
            .init(role: "user", content: instruction + "\n\nPassage: Nothing here."),
            .init(role: "assistant", content: "[]"),
            .init(role: "user", content: instruction + "\n\nPassage: Grace Hopper joined the Navy."),
        ])
        // The answer is read from the passage, not from a demonstration.
        XCTAssertEqual(result.passages[0].passage, passage)
    }

    func testWithoutDemonstrationsTheRequestIsThePapersZeroShotPrompt() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let teacher = try CacheTests.annotator(server.baseURL)
        let result = try await teacher.annotate([Passage(id: "p0", text: "Grace Hopper joined the Navy.")],
                                                style: PaperTypePromptStyle(), context: try temporaryRunContext())
        XCTAssertEqual(result.report["demonstrations"], 0)
        XCTAssertEqual(try server.requests().first?.body.messages?.map(\.role), ["system", "user"])
        XCTAssertEqual(teacher.cacheIdentity(), "")
    }

    func testBadFilesNameTheLineAndWhatToWrite() throws {
        let cases: [(String, Int?, String)] = [
            ("{\"passage\": \"A.\", \"output\": \"[]\"}\nnot json\n", 2, "not a JSON object"),
            ("{\"passage\": \"A.\"}\n", 1, "needs a non-empty string 'passage' and a string 'output'"),
            ("\n{\"passage\": \"A.\", \"output\": \"Here is some Python\"}\n", 2, "is not a list of (mention, type) pairs"),
            ("# only a comment\n", nil, "holds no demonstration"),
        ]
        for (text, line, message) in cases {
            let url = try write(text)
            XCTAssertThrowsError(try TeacherDemonstrations.read(url), text) { error in
                let error = error as? DataError
                XCTAssertEqual(error?.line, line, text)
                XCTAssertTrue(error?.message.contains(message) ?? false, "\(String(describing: error?.message)) for \(text)")
                XCTAssertNotNil(error?.help, text)
            }
        }
        XCTAssertThrowsError(try TeacherDemonstrations.read(URL(fileURLWithPath: "/nonexistent/demos.jsonl"))) { error in
            XCTAssertTrue((error as? DataError)?.message.contains("cannot read file") ?? false)
            XCTAssertTrue((error as? DataError)?.help?.contains("annotator.demonstrations") ?? false)
        }
    }

    func testEditingTheFileChangesTheCacheIdentity() throws {
        let url = try write(twoDemonstrations)
        // Each run makes its annotator anew (the pipeline does), which reads the file then.
        func teacher() throws -> OpenAIAnnotator {
            try OpenAIAnnotator(options: .init(baseURL: URL(string: "http://127.0.0.1:1/v1")!, model: "m", demonstrations: url.path))
        }
        let before = try teacher().cacheIdentity()
        XCTAssertEqual(before.count, 64)
        XCTAssertEqual(try teacher().cacheIdentity(), before, "stable while the file is unchanged")
        try Data((twoDemonstrations + "\n{\"passage\": \"B.\", \"output\": \"[]\"}").utf8).write(to: url)
        XCTAssertNotEqual(try teacher().cacheIdentity(), before)
    }

    /// The project's own demonstrations file, named in the `openai-teacher` recipe's header, reads.
    func testShippedDemonstrationsFileReads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let demonstrations = try TeacherDemonstrations.read(root.appendingPathComponent("Recipes/data/teacher-demonstrations.jsonl"))
        XCTAssertEqual(demonstrations.demonstrations.count, 2)
        for demonstration in demonstrations.demonstrations {
            let mentions = try XCTUnwrap(TeacherOutputParser.parse(demonstration.output))
            XCTAssertFalse(mentions.isEmpty)
            for mention in mentions { XCTAssertTrue(demonstration.passage.contains(mention.text), mention.text) }
        }
    }
}
