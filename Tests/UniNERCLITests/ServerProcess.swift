import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// A `uniner serve` process of the built binary on a free loopback port, and a small HTTP client for it.
final class ServerProcess: @unchecked Sendable {
    // @unchecked: the tests share it with the tasks that send requests; `process` is only read there.
    let process = Process()
    let base: URL
    private let errors = Pipe()

    /// Starts `uniner serve --port 0 ARGS` and waits for its "listening on" line.
    init(model: URL, _ arguments: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws {
        process.executableURL = CLIRunner.executable
        process.arguments = ["serve", "--model", model.path, "--port", "0", "--threads", "1"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errors
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        guard let range = text.range(of: "listening on "), let url = URL(string: String(text[range.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            XCTFail("uniner serve did not start: \(text) \(stderr)", file: file, line: line)
            throw CocoaError(.fileReadUnknown)
        }
        base = url
    }

    deinit { if process.isRunning { process.terminate(); process.waitUntilExit() } }

    /// SIGTERM, then the exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    struct Reply: Sendable {
        var status: Int
        /// Header values by lowercased name.
        var headers: [String: String]
        var body: Data
        var json: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }
        var errorField: String? { (json?["error"] as? [String: Any])?["field"] as? String }
        var errorMessage: String? { (json?["error"] as? [String: Any])?["message"] as? String }
    }

    func get(_ path: String) async throws -> Reply {
        try await send(URLRequest(url: base.appendingPathComponent(path)))
    }

    func post(_ path: String, body: Data) async throws -> Reply {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        return try await send(request)
    }

    func extract(_ object: [String: Any]) async throws -> Reply {
        try await post("v1/extract", body: JSONSerialization.data(withJSONObject: object))
    }

    func send(_ request: URLRequest) async throws -> Reply {
        var request = request
        request.timeoutInterval = 60
        let (data, response) = try await Self.session.data(for: request)
        let http = try XCTUnwrap(response as? HTTPURLResponse)
        var headers: [String: String] = [:]
        for case (let name as String, let value as String) in http.allHeaderFields { headers[name.lowercased()] = value }
        return Reply(status: http.statusCode, headers: headers, body: data)
    }

    /// Many connections at once (Linux's default allows 6 per host), so that concurrent requests really are.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 64
        return URLSession(configuration: configuration)
    }()
}
