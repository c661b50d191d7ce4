import Foundation
import OpenAICompatible
@testable import UniNERAnnotators
import UniNERCore
import XCTest

/// Teachers under hostile or careless use: a program that fails every passage, one whose children ignore
/// SIGTERM, one that writes huge lines, a server that echoes the API key with terminal escapes.
final class TeacherHardeningTests: XCTestCase {
    private let passages = [Passage(id: "a", text: "Alice met Bob."), Passage(id: "b", text: "Carol flew to Rome.")]

    private func run(_ command: [String], timeout: Double = 10, maxLineBytes: Int = 64 << 20,
                     passages: [Passage]? = nil) async throws -> AnnotationResult {
        let annotator = CommandAnnotator(options: .init(command: command, timeoutSeconds: timeout, maxLineBytes: maxLineBytes))
        return try await annotator.annotate(passages ?? self.passages, style: PaperTypePromptStyle(),
                                            context: try temporaryRunContext())
    }

    private func temporaryFile(_ name: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-\(UUID().uuidString)-\(name)")
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// Answers `{"id", "error"}` for every passage (the id read back from the request).
    private let failEverything = ["python3", "-c", """
        import json, sys
        for line in sys.stdin:
            print(json.dumps({"id": json.loads(line)["id"], "error": "no model loaded"}), flush=True)
        """]

    func testAProgramThatFailsEveryPassageFailsTheRunLikeTheOpenAIAnnotator() async throws {
        do {
            _ = try await run(failEverything)
            XCTFail("expected an error")
        } catch let error as UniNERError {
            XCTAssertTrue(error.message.contains("failed on all 2 passages"), error.message)
            XCTAssertTrue(error.message.contains("no model loaded"), error.message)
        }
    }

    func testFailedPassagesAreListedSoTheStageIsNotCachedAsDone() async throws {
        let program = ["python3", "-c", """
            import json, sys
            for line in sys.stdin:
                request = json.loads(line)
                answer = {"error": "busy"} if request["id"] == "b" else {"mentions": [{"text": "Alice", "type": "person"}]}
                print(json.dumps(dict(id=request["id"], **answer)), flush=True)
            """]
        let result = try await run(program)
        XCTAssertEqual(result.passages.map(\.passage.id), ["a"])
        XCTAssertEqual(result.failedPassageIDs, ["b"])
    }

    func testTheProgramStartsWithNoSignalBlockedOrIgnoredInItsOwnProcessGroup() async throws {
        let status = temporaryFile("status")
        // The shell's own state is what the program inherited from us.
        let program = ["sh", "-c", """
            grep -E '^Sig(Blk|Ign)' /proc/self/status > '\(status.path)'
            echo "pgid $(ps -o pgid= -p $$ | tr -d ' ') pid $$" >> '\(status.path)'
            exec python3 -c 'import json, sys
            for line in sys.stdin: print(json.dumps({"id": json.loads(line)["id"], "mentions": []}), flush=True)'
            """]
        _ = try await run(program)
        let text = try String(contentsOf: status, encoding: .utf8)
        let words = text.split(whereSeparator: \.isWhitespace)
        func mask(_ name: String) -> UInt64? {
            words.firstIndex(of: Substring(name)).flatMap { UInt64(words[$0 + 1], radix: 16) }
        }
        // Signals 1-31 (SIGPIPE, SIGTERM, ...). 32 and 33 are glibc's own, which its sigfillset leaves out of a
        // spawn's defaults; every glibc program installs its handlers for them at start.
        let standard: UInt64 = 0x7FFF_FFFF
        XCTAssertEqual(mask("SigBlk:").map { $0 & standard }, 0, text)
        XCTAssertEqual(mask("SigIgn:").map { $0 & standard }, 0, text)
        if let pgid = words.firstIndex(of: "pgid").map({ words[$0 + 1] }), let pid = words.firstIndex(of: "pid").map({ words[$0 + 1] }) {
            XCTAssertEqual(pgid, pid, "the program leads its own process group")
        } else {
            XCTFail("no pgid line: \(text)")
        }
    }

    func testATimeoutEndsTheWholeGroupEvenChildrenThatIgnoreSIGTERM() async throws {
        let pidFile = temporaryFile("child.pid")
        let program = ["sh", "-c", """
            trap '' TERM
            sh -c "trap '' TERM; echo \\$\\$ > '\(pidFile.path)'; exec sleep 300" &
            read line
            sleep 300
            """]
        do {
            _ = try await run(program, timeout: 1, passages: [passages[0]])
            XCTFail("expected the run to fail: its only passage timed out")
        } catch let error as UniNERError {
            XCTAssertTrue(error.message.contains("failed on all 1 passages"), error.message)
        }
        let pid = try XCTUnwrap(Int32(String(contentsOf: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
        var alive = true
        for _ in 0..<50 {
            alive = kill(pid, 0) == 0
            if !alive { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        XCTAssertFalse(alive, "the grandchild \(pid) that ignores SIGTERM outlived the timeout")
    }

    func testLongLinesAreReadWholeAndALineOverTheCapIsAClearError() async throws {
        let big = ["python3", "-c", """
            import json, sys
            for line in sys.stdin:
                request = json.loads(line)
                print(json.dumps({"id": request["id"], "mentions": [{"text": "Alice", "type": "x" * 3_000_000}]}), flush=True)
            """]
        let result = try await run(big, passages: [passages[0]])
        XCTAssertEqual(result.report["mentions_raw"], 1, "a 3 MB line is read whole")
        do {
            _ = try await run(big, maxLineBytes: 1 << 20, passages: [passages[0]])
            XCTFail("expected the line cap to stop the run")
        } catch let error as CommandAnnotatorError {
            guard case .lineTooLong(let passage, let limit) = error.reason else { return XCTFail("\(error.reason)") }
            XCTAssertEqual(passage, "a")
            XCTAssertEqual(limit, 1 << 20)
            XCTAssertTrue(error.localizedDescription.contains("max_line_mb"), error.localizedDescription)
        }
    }

    func testLineSplittingHandlesManyLinesPerReadAndLinesAcrossReads() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let queue = LineQueue()
        let readEnd = fds[0]
        let reader = Thread { CommandSession.readLines(fd: readEnd, into: queue, maxLineBytes: 1 << 20) }
        reader.start()
        let long = String(repeating: "y", count: 200_000)
        let text = "one\ntwo\n" + long + "\nlast"
        _ = text.utf8CString.withUnsafeBufferPointer { write(fds[1], $0.baseAddress, $0.count - 1) }
        close(fds[1])
        let expectation = expectation(description: "lines")
        Task {
            var lines: [String] = []
            while case .line(let line) = await queue.next(timeout: 5) { lines.append(line) }
            XCTAssertEqual(lines, ["one", "two", long, "last"])
            expectation.fulfill()
        }
        wait(for: [expectation], timeout: 10)
    }

    func testGarbageWithTerminalEscapesIsPrintedEscaped() async throws {
        let program = ["sh", "-c", "read line; printf 'not json \\033[2J\\000 here\\n'; printf 'oops \\033]0;title\\007\\n' >&2"]
        do {
            _ = try await run(program, passages: [passages[0]])
            XCTFail("expected an error")
        } catch let error as CommandAnnotatorError {
            let text = error.localizedDescription
            XCTAssertFalse(text.contains("\u{1B}"), text)
            XCTAssertFalse(text.contains("\u{0}"), text)
            XCTAssertTrue(text.contains("\\u{1B}[2J"), text)
        }
    }

    func testAnEchoedAPIKeyAndURLPasswordAreRedactedAndEscapesEscaped() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        var url = URLComponents(url: server.baseURL, resolvingAgainstBaseURL: false)!
        url.user = "alice"
        url.password = "hunter2-url-secret"
        var teacher = try OpenAIAnnotator(options: .init(baseURL: url.url!, model: "fault-model", apiKeyEnv: "UNINER_TEST_KEY",
                                                     maxRetries: 0, timeoutSeconds: 5))
        teacher.backoff = Backoff(base: 0.01, maximum: 0.05)
        let context = try temporaryRunContext(environment: ["UNINER_TEST_KEY": "sk-test-SECRET-12345"])
        do {
            _ = try await teacher.annotate([Passage(id: "k", text: "Alice met Bob. [[fault:echo]]")], style: PaperTypePromptStyle(),
                                           context: context)
            XCTFail("expected the 401 to fail the run")
        } catch {
            let text = (error as? LocalizedError)?.errorDescription ?? "\(error)"
            XCTAssertTrue(text.contains("Incorrect API key provided"), text)
            XCTAssertFalse(text.contains("SECRET"), text)
            XCTAssertFalse(text.contains("hunter2"), text)
            XCTAssertTrue(text.contains(Redaction.mask), text)
            XCTAssertFalse(text.contains("\u{1B}") || text.contains("\u{0}"), text)
        }
    }
}
