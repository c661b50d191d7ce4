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
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let (model, train) = try CLIRunner.tinyStudent(name: "serve-student", seed: 5, steps: 2, in: folder)
        guard train.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: train.stderr]) }
        return model
    }
}
