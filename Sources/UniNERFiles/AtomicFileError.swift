import Foundation

/// A write through `AtomicFile` failed: what was being written and why.
public struct AtomicFileError: LocalizedError, Sendable, Equatable {
    /// What was being written, and what the system said.
    public var path: String, reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var errorDescription: String? {
        "error: \(path): \(reason)\n  help: check that the folder is writable and the disk not full"
    }
}
