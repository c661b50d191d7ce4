import Foundation
import OpenAICompatible
import UniNERAnnotators
import UniNERCore
import XCTest

/// The annotator's on-disk cache: a rerun asks nothing twice, and an interrupted run (cancelled, or a
/// process killed with SIGKILL) resumes with every passage answered exactly once.
final class CacheTests: XCTestCase {
    /// Passages the slow fault server answers in 0.3 s each.
    static func slowPassages(_ count: Int) -> [Passage] {
        (0..<count).map { Passage(id: "p\($0)", text: "Passage number \($0) names Alice Example\($0). [[fault:slow]]") }
    }

    static func annotator(_ baseURL: URL, model: String = "fault-model", concurrency: Int = 2,
                          timeout: Double = 5) throws -> OpenAIAnnotator {
        var annotator = try OpenAIAnnotator(options: .init(baseURL: baseURL, model: model, concurrency: concurrency,
                                                       maxRetries: 2, timeoutSeconds: timeout, maxTokens: 64))
        annotator.backoff = Backoff(base: 0.01, maximum: 0.05)
        return annotator
    }

    /// Asserts that the cache file holds exactly one valid record per passage.
    private func assertAnsweredExactlyOnce(_ url: URL, _ passages: [Passage], file: StaticString = #filePath, line: UInt = #line) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\n"), "the file ends with a complete record", file: file, line: line)
        let records = try cacheRecords(url)
        XCTAssertEqual(records.count, passages.count, "one line per passage", file: file, line: line)
        XCTAssertEqual(Set(records.compactMap { $0["key"] as? String }).count, passages.count, "no duplicate key", file: file, line: line)
        XCTAssertEqual(records.compactMap { $0["passage_id"] as? String }.sorted(), passages.map(\.id).sorted(), file: file, line: line)
    }

    func testSecondRunMakesZeroRequests() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let passages = (0..<6).map { Passage(id: "p\($0)", text: "Ada Lovelace\($0) wrote to Charles Babbage.") }
            + [Passage(id: "dup", text: "Ada Lovelace0 wrote to Charles Babbage.")]   // same text as p0: asked once
        let context = try temporaryRunContext()
        let teacher = try Self.annotator(server.baseURL, concurrency: 3)
        let first = try await teacher.annotate(passages, style: PaperTypePromptStyle(), context: context)
        XCTAssertEqual(first.report["requests"], 6)
        XCTAssertEqual(first.report["cache_misses"], 7)
        XCTAssertEqual(first.passages.count, 7)

        let second = try await teacher.annotate(passages, style: PaperTypePromptStyle(), context: context)
        XCTAssertEqual(second.report["requests"], 0)
        XCTAssertEqual(second.report["cache_hits"], 7)
        XCTAssertEqual(second.report["prompt_tokens"], 0)
        XCTAssertEqual(try server.requests().count, 6)
        XCTAssertEqual(second.passages, first.passages)
        XCTAssertEqual(try cacheRecords(teacher.cacheURL(in: context.cacheDirectory)).count, 6)

        // Another model or endpoint is another cache: nothing is shared by mistake.
        var other = teacher.options
        other.model = "another-model"
        let third = try await OpenAIAnnotator(options: other).annotate(Array(passages.prefix(1)), style: PaperTypePromptStyle(),
                                                                        context: context)
        XCTAssertEqual(third.report["requests"], 1)
    }

    func testTornLastLineIsIgnoredAndOverwritten() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let passages = (0..<4).map { Passage(id: "p\($0)", text: "Grace Hopper\($0) joined the Navy.") }
        let context = try temporaryRunContext()
        let teacher = try Self.annotator(server.baseURL)
        _ = try await teacher.annotate(Array(passages.prefix(3)), style: PaperTypePromptStyle(), context: context)
        let url = teacher.cacheURL(in: context.cacheDirectory)

        // A writer killed mid-record leaves the start of a line without its newline, here of passage p3's record.
        let key = AnnotationCache.key(endpoint: server.baseURL.absoluteString + "/chat/completions", model: "fault-model",
                                      messages: PaperTypePromptStyle().teacherMessages(for: passages[3])
                                          .map { OpenAIMessage(role: $0.role, content: $0.content) },
                                      passageText: passages[3].text)
        let torn = #"{"completion_tokens":3,"key":""# + key + #"","model":"fault-model","output":"[(\"Grace"#
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(torn.utf8))
        try handle.close()

        let rerun = try await teacher.annotate(passages, style: PaperTypePromptStyle(), context: context)
        XCTAssertEqual(rerun.report["cache_hits"], 3)
        XCTAssertEqual(rerun.report["requests"], 1, "the torn record does not count as an answer")
        XCTAssertEqual(rerun.report["cache_torn_bytes_truncated"], Double(torn.utf8.count))
        XCTAssertEqual(rerun.passages.map(\.passage.id), passages.map(\.id))
        try assertAnsweredExactlyOnce(url, passages)
    }

    func testCancelledRunResumesWithEveryPassageOnce() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let passages = Self.slowPassages(12)
        let context = try temporaryRunContext()
        let teacher = try Self.annotator(server.baseURL)
        let url = teacher.cacheURL(in: context.cacheDirectory)

        let run = Task { try await teacher.annotate(passages, style: PaperTypePromptStyle(), context: context) }
        try await waitForRecords(url, atLeast: 3)
        run.cancel()
        do {
            _ = try await run.value
            XCTFail("the run should have been cancelled")
        } catch is CancellationError {
        }
        let saved = try cacheRecords(url).count
        XCTAssertGreaterThanOrEqual(saved, 3)
        XCTAssertLessThan(saved, passages.count)

        let rerun = try await teacher.annotate(passages, style: PaperTypePromptStyle(), context: context)
        XCTAssertEqual(rerun.report["cache_hits"], Double(saved))
        XCTAssertEqual(rerun.report["requests"], Double(passages.count - saved))
        XCTAssertEqual(rerun.passages.count, passages.count)
        try assertAnsweredExactlyOnce(url, passages)
    }

    #if os(Linux)
    /// A true crash: the test binary runs `CacheCrashChild` in a child process, which this test kills with
    /// SIGKILL while requests are in flight; the rerun completes with every passage answered exactly once.
    func testKilledProcessResumesWithEveryPassageOnce() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let passages = Self.slowPassages(CacheCrashChild.passageCount)
        let context = try temporaryRunContext()
        let teacher = try Self.annotator(server.baseURL)
        let url = teacher.cacheURL(in: context.cacheDirectory)

        let child = Process()
        child.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
        child.arguments = ["UniNERTeacherTests.CacheCrashChild/testChildAnnotatesUntilKilled"]
        child.environment = ProcessInfo.processInfo.environment.merging(
            [CacheCrashChild.urlVariable: server.baseURL.absoluteString,
             CacheCrashChild.cacheVariable: context.cacheDirectory.path]) { $1 }
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        try await waitForRecords(url, atLeast: 4)
        XCTAssertTrue(child.isRunning, "the child must still be annotating when it is killed")
        kill(child.processIdentifier, SIGKILL)
        for _ in 0..<300 where child.isRunning { try await Task.sleep(nanoseconds: 10_000_000) }
        XCTAssertEqual(child.terminationReason, .uncaughtSignal)

        let saved = try cacheRecords(url).count
        let sentBeforeKill = try server.requests().count
        XCTAssertLessThan(saved, passages.count)
        XCTAssertLessThanOrEqual(sentBeforeKill - saved, 2 + 1, "at most the requests in flight are lost")

        let rerun = try await teacher.annotate(passages, style: PaperTypePromptStyle(), context: context)
        XCTAssertEqual(rerun.report["cache_hits"], Double(saved))
        XCTAssertEqual(rerun.report["requests"], Double(passages.count - saved))
        XCTAssertEqual(rerun.passages.map(\.passage.id), passages.map(\.id))
        try assertAnsweredExactlyOnce(url, passages)
    }
    #endif

    private func waitForRecords(_ url: URL, atLeast count: Int, timeout: Double = 30) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let data = try? Data(contentsOf: url), data.filter({ $0 == 0x0A }).count >= count { return }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        XCTFail("the cache did not reach \(count) records within \(timeout) s")
        throw CancellationError()
    }
}

/// Not a test of its own: the child process of `CacheTests.testKilledProcessResumesWithEveryPassageOnce`,
/// which runs this test binary with only this test selected and the server URL and cache folder in the
/// environment. Run directly, it skips.
final class CacheCrashChild: XCTestCase {
    static let urlVariable = "UNINER_CACHE_CHILD_URL"
    static let cacheVariable = "UNINER_CACHE_CHILD_DIR"
    /// Optional: the model name (default `fault-model`); a long timeout is used with a real server.
    static let modelVariable = "UNINER_CACHE_CHILD_MODEL"
    static let passageCount = 20

    func testChildAnnotatesUntilKilled() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment[Self.urlVariable].flatMap(URL.init(string:)), let cache = environment[Self.cacheVariable] else {
            throw XCTSkip("helper of CacheTests.testKilledProcessResumesWithEveryPassageOnce; runs only as its child process")
        }
        let folder = URL(fileURLWithPath: cache)
        let context = RunContext(workDirectory: folder, cacheDirectory: folder, environment: [:])
        let model = environment[Self.modelVariable] ?? "fault-model"
        _ = try await CacheTests.annotator(url, model: model, timeout: model == "fault-model" ? 5 : 300).annotate(CacheTests.slowPassages(Self.passageCount),
                                                         style: PaperTypePromptStyle(), context: context)
    }
}
