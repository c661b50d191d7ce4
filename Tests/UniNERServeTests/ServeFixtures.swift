import Foundation
import XCTest

/// One tiny span-encoder model for all the serve tests, trained once by `uniner train` (two steps: the
/// tests compare the server with `uniner predict` on the same model, not accuracy).
enum ServeFixtures {
    nonisolated(unsafe) private static var trained: Result<URL, any Error>?
    private static let lock = NSLock()

    static func model() throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        if trained == nil { trained = Result { try train() } }
        return try trained!.get()
    }

    private static func train() throws -> URL {
        let root = ServerProcess.repositoryRoot
        let benchmark = ProcessInfo.processInfo.environment["UNINER_DATA"].map(URL.init(fileURLWithPath:))
            ?? root.appendingPathComponent("../shared/benchmark").standardized
        guard FileManager.default.fileExists(atPath: benchmark.path) else { throw XCTSkip("no benchmark data (set UNINER_DATA)") }
        let backbone = root.appendingPathComponent(".models/all-MiniLM-L6-v2")
        guard FileManager.default.fileExists(atPath: backbone.appendingPathComponent("vocab.txt").path) else {
            throw XCTSkip("no backbone folder at \(backbone.path)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let recipe = folder.appendingPathComponent("recipe.yaml")
        try """
            name: serve-student
            seed: 5
            supervised: [{dataset: conll2003, count: 12}]
            queries: {template: all-in-one}
            student: {kind: span-encoder, backbone: \(backbone.path), size: tiny, max_steps: 2, batch: 4, max_tokens: 64}
            """.write(to: recipe, atomically: true, encoding: .utf8)
        let output = try run(["train", recipe.path, "--set", "output=\(folder.path)/runs", "--data", benchmark.path,
                              "--cache", folder.appendingPathComponent("cache").path, "--threads", "1"])
        guard output.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: output.stderr]) }
        return folder.appendingPathComponent("runs/serve-student/default/model")
    }

    /// Runs the built `uniner` with `stdin`, returning its status and output.
    static func run(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = ServerProcess.executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
