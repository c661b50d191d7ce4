import Foundation
import XCTest

/// Runs the built `uniner` executable (it sits beside the test bundle) and captures its output.
struct CLIRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var executable: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On Linux the test runner is `<build>/UniNERPackageTests.xctest`; elsewhere it may sit inside a bundle.
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("uniner").path), folder.pathComponents.count > 1 {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("uniner")
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var benchmark: URL? {
        if let path = ProcessInfo.processInfo.environment["UNINER_DATA"] { return URL(fileURLWithPath: path) }
        let shared = repositoryRoot.appendingPathComponent("../shared/benchmark").standardized
        return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
    }

    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
                    stdin: String? = nil) throws -> Output {
        try runProgram(executable.path, arguments, in: directory, environment: environment, stdin: stdin)
    }

    /// Runs any program and captures its output.
    static func runProgram(_ program: String, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String] = [:], stdin: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = stdin.map { _ in Pipe() }
        if let input { process.standardInput = input }
        try process.run()
        if let input, let stdin {
            // Written from another thread: a child that answers line by line fills its stdout pipe before
            // reading all of a long input, and both would wait.
            let writer = Thread { input.fileHandleForWriting.write(Data(stdin.utf8)); try? input.fileHandleForWriting.close() }
            writer.start()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A tiny from-scratch span-encoder student (all-in-one, 64-token windows) trained by `uniner train` on 12
    /// CoNLL-2003 sentences into `folder`: the command tests need a real model folder, not accuracy. Skips the
    /// test without the benchmark data or the backbone's vocabulary. `options`: more student keys (`k: v, ...`).
    static func tinyStudent(name: String, seed: Int, steps: Int, options: String = "", in folder: URL) throws -> (model: URL, train: Output) {
        guard let benchmark else { throw XCTSkip("no benchmark data (set UNINER_DATA)") }
        let backbone = repositoryRoot.appendingPathComponent(".models/all-MiniLM-L6-v2")
        guard FileManager.default.fileExists(atPath: backbone.appendingPathComponent("vocab.txt").path) else {
            throw XCTSkip("no backbone folder at \(backbone.path)")
        }
        let recipe = folder.appendingPathComponent("\(name).yaml")
        try """
            name: \(name)
            seed: \(seed)
            supervised: [{dataset: conll2003, count: 12}]
            queries: {template: all-in-one}
            student: {kind: span-encoder, backbone: \(backbone.path), size: tiny, max_steps: \(steps), batch: 4, max_tokens: 64\(options.isEmpty ? "" : ", " + options)}
            """.write(to: recipe, atomically: true, encoding: .utf8)
        let train = try run(["train", recipe.path, "--set", "output=\(folder.path)/runs", "--data", benchmark.path,
                             "--cache", folder.appendingPathComponent("cache").path, "--threads", "1"])
        return (folder.appendingPathComponent("runs/\(name)/default/model"), train)
    }

    /// A temporary file with `text`, removed when the test ends.
    static func file(_ text: String, name: String = "recipe.yaml", test: XCTestCase) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
