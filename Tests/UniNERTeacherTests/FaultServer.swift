import Foundation
import XCTest

/// The fault-injecting OpenAI-compatible server of `Fixtures/fault_server.py`, on 127.0.0.1 with a free
/// port, for the life of one test. Every request it received can be read back from its log.
final class FaultServer {
    struct LoggedRequest: Decodable {
        var t: Double
        var path: String
        var attempt: Int
        var fault: String?
        var body: Body
        var authorization: Bool
        var expect: String?
        var bytes: Int?

        struct Body: Decodable {
            var model: String?
            var messages: [Message]?
            var prompt: String?
            var temperature: Double?
            var max_tokens: Int?
            var stop: [String]?
        }
        struct Message: Decodable, Equatable {
            var role: String
            var content: String
        }

        /// The passage text of a chat request (after "Passage: "), or the prompt.
        var passage: String {
            if let user = body.messages?.last(where: { $0.role == "user" })?.content,
               let range = user.range(of: "Passage: ") {
                return String(user[range.upperBound...])
            }
            return body.prompt ?? ""
        }
    }

    let process = Process()
    let port: Int
    let logURL: URL
    var baseURL: URL { URL(string: "http://127.0.0.1:\(port)/v1")! }

    /// Starts the server; `upstream` makes it a logging proxy in front of another server.
    init(stallSeconds: Double = 3, upstream: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws {
        let script = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures", withExtension: nil),
                                   "Fixtures folder missing from the test bundle", file: file, line: line)
            .appendingPathComponent("fault_server.py")
        logURL = FileManager.default.temporaryDirectory.appendingPathComponent("fault-\(UUID().uuidString).jsonl")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--log", logURL.path, "--stall-seconds", String(stallSeconds)]
            + ["--parent-pid", String(ProcessInfo.processInfo.processIdentifier)]
            + (upstream.map { ["--upstream", $0] } ?? [])
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        let handle = stdout.fileHandleForReading
        var buffer = Data()
        while !buffer.contains(0x0A) {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
        }
        let firstLine = String(decoding: buffer, as: UTF8.self).split(separator: "\n").first ?? ""
        guard firstLine.hasPrefix("PORT "), let port = Int(firstLine.dropFirst(5)) else {
            process.terminate()
            throw XCTSkip("fault server did not start (python3 needed): \(firstLine)")
        }
        self.port = port
    }

    /// Every request received so far, in arrival order.
    func requests() throws -> [LoggedRequest] {
        let data = try Data(contentsOf: logURL)
        return try data.split(separator: 0x0A).map { try JSONDecoder().decode(LoggedRequest.self, from: Data($0)) }
    }

    func stop() {
        // Not waitUntilExit: it spins the run loop of a cooperative thread and can hang an async test.
        if process.isRunning {
            process.terminate()
            for _ in 0..<100 where process.isRunning { usleep(10_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: logURL)
    }

    deinit { stop() }
}
