import Foundation
import UniNERAnnotators
import UniNERCore
import XCTest

/// The `command` annotator with a Python teacher program (`Fixtures/fake_teacher.py`) that behaves well,
/// dies, writes garbage, answers for the wrong passage, or stalls.
final class CommandAnnotatorTests: XCTestCase {
    private func teacher(_ mode: String, timeout: Double = 10) throws -> CommandAnnotator {
        let script = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("fake_teacher.py")
        return CommandAnnotator(options: .init(command: ["python3", script.path, mode], timeoutSeconds: timeout))
    }

    private let passages = [
        Passage(id: "a", text: "Alice met Bob in Paris."),
        Passage(id: "b", text: "Carol flew to Rome."),
        Passage(id: "c", text: "ERR Dave stayed home."),
        Passage(id: "d", text: "RAW Erin visited Oslo."),
    ]

    private func run(_ annotator: CommandAnnotator, _ passages: [Passage]) async throws -> AnnotationResult {
        try await annotator.annotate(passages, style: PaperTypePromptStyle(), context: try temporaryRunContext())
    }

    func testGoodProgram() async throws {
        let result = try await run(try teacher("good"), passages)
        XCTAssertEqual(result.passages.map(\.passage.id), ["a", "b", "d"])
        XCTAssertEqual(result.passages[0].mentions.map(\.text), ["Alice", "Bob", "Paris"])
        XCTAssertEqual(result.passages[2].mentions, [Mention(text: "Erin", type: "thing"), Mention(text: "Oslo", type: "thing")])
        XCTAssertEqual(result.report["passages_failed"], 1, "the {\"error\"} answer")
        XCTAssertEqual(result.report["mentions_not_in_passage"], 2, "'Nowhere' of a and b")
        XCTAssertEqual(result.report["passages_annotated"], 3)
        XCTAssertNotNil(result.report.notes.first { $0.contains("teacher refused") })
    }

    func testProgramThatDies() async throws {
        do {
            _ = try await run(try teacher("dies"), passages)
            XCTFail("expected an error")
        } catch let error as CommandAnnotatorError {
            XCTAssertEqual(error.reason, .exited(status: 3, passageID: "b"))
            XCTAssertTrue(error.stderr.contains("out of memory"))
            XCTAssertTrue(error.localizedDescription.contains("exited with status 3"), error.localizedDescription)
        }
    }

    func testProgramThatWritesGarbage() async throws {
        do {
            _ = try await run(try teacher("garbage"), passages)
            XCTFail("expected an error")
        } catch let error as CommandAnnotatorError {
            XCTAssertEqual(error.reason, .garbage(passageID: "b", line: "loading model weights..."))
            XCTAssertTrue(error.localizedDescription.contains("loading model weights..."))
        }
    }

    func testProgramThatAnswersForAnotherPassage() async throws {
        do {
            _ = try await run(try teacher("wrongid"), passages)
            XCTFail("expected an error")
        } catch let error as CommandAnnotatorError {
            guard case .unexpectedID(let expected, let line) = error.reason else { return XCTFail("\(error.reason)") }
            XCTAssertEqual(expected, "a")
            XCTAssertTrue(line.contains("a-other"))
        }
    }

    func testTimedOutPassageIsSkippedAndTheProgramRestarted() async throws {
        let input = [Passage(id: "a", text: "Alice met Bob."), Passage(id: "slow", text: "SLOW Zed."),
                     Passage(id: "c", text: "Carol met Dan.")]
        let started = Date()
        let result = try await run(try teacher("slow", timeout: 1), input)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertEqual(result.passages.map(\.passage.id), ["a", "c"])
        XCTAssertEqual(result.report["command_timeouts"], 1)
        XCTAssertEqual(result.report["passages_failed"], 1)
    }

    func testProgramThatNeverAnswersStopsAfterThreeTimeouts() async throws {
        do {
            _ = try await run(try teacher("silent", timeout: 0.5), passages)
            XCTFail("expected an error")
        } catch let error as CommandAnnotatorError {
            XCTAssertEqual(error.reason, .timedOut(passageID: "c", seconds: 0.5, consecutive: 3))
        }
    }

    func testMissingProgram() async throws {
        let annotator = CommandAnnotator(options: .init(command: ["/nonexistent/teacher-program"], timeoutSeconds: 5))
        do {
            _ = try await run(annotator, passages)
            XCTFail("expected an error")
        } catch let error as CommandAnnotatorError {
            // Started directly (posix_spawnp), so a missing program is a launch failure, not an exit of /usr/bin/env.
            guard case .launchFailed(let message) = error.reason else { return XCTFail("\(error.reason)") }
            XCTAssertTrue(message.contains("No such file"), message)
        }
    }
}
