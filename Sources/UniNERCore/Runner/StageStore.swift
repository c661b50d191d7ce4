import Foundation

/// The on-disk cache of stage outputs: `<root>/<stage>/<key>/`.
///
/// A stage writes into its key's folder and marks it complete last, by atomically renaming a `done.json`
/// into place. A folder without `done.json` (a stage killed mid-way) is never taken as a result: the next run
/// reuses the folder as its working directory, so a stage that checkpoints (training) resumes there.
public struct StageStore: Sendable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    /// The folder of a stage's output for a key (created if missing), cleaned of dead writers' leftovers.
    /// - Parameter locked: the caller holds the stage's `StageFileLock`, so no other process writes here and every
    ///   leftover not of this process is dead, even one whose pid is alive on this machine (a writer on another
    ///   machine of a shared cache has pids of its own).
    public func folder(stage: String, key: String, locked: Bool = false) throws -> URL {
        let url = location(stage: stage, key: key)
        try Folders.create(url)
        StaleWrites.clean(url, othersAreGone: locked)
        return url
    }

    /// Where a stage's output for a key lives; creates and cleans nothing (another process may be writing there).
    public func location(stage: String, key: String) -> URL {
        root.appendingPathComponent(stage).appendingPathComponent(key)
    }

    /// The stored output of a completed stage, or nil when it never completed.
    public func completed<T: Decodable>(_ type: T.Type, stage: String, key: String) -> T? {
        let url = root.appendingPathComponent(stage).appendingPathComponent(key).appendingPathComponent("done.json")
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try? JSONDecoder().decode(T.self, from: data)
    }

    /// Marks a stage complete with its (small) output record; atomic, so a kill leaves it either absent or whole.
    public func complete<T: Encodable>(_ value: T, stage: String, key: String) throws {
        let folder = location(stage: stage, key: key)
        try Folders.create(folder)
        try AtomicFile.write(try JSONEncoder.stable.encode(value), to: folder.appendingPathComponent("done.json"))
    }
}

extension JSONEncoder {
    /// Sorted keys and no escaped slashes: stable bytes for hashing and for diffs of run folders.
    public static var stable: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
