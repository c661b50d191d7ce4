import Foundation
import UniNERDatasets
import XCTest

/// Where the real benchmark files are: `UNINER_DATA`, else the first `shared/benchmark` found beside the repo
/// root or one of its ancestors (`../shared/benchmark` from the main checkout, `../../shared/benchmark` from a
/// worktree under `wt/`).
enum BenchmarkData {
    static let root: URL? = {
        if let path = ProcessInfo.processInfo.environment["UNINER_DATA"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()   // Tests/UniNERDatasetsTests
            .deletingLastPathComponent().deletingLastPathComponent()                  // repo root
        for _ in 0..<3 {
            folder = folder.deletingLastPathComponent()
            let candidate = folder.appendingPathComponent("shared/benchmark")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return nil
    }()

    /// The benchmark folder, or a skipped test when it is absent.
    static func requireRoot(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        guard let root else { throw XCTSkip("benchmark data not found: set UNINER_DATA", file: file, line: line) }
        return root
    }

    static func provider() throws -> BenchmarkDatasets { BenchmarkDatasets(root: try requireRoot()) }

    static func url(_ path: String) throws -> URL { try requireRoot().appendingPathComponent(path) }
}
