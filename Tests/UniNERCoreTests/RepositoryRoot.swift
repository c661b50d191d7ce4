import Foundation

/// The checkout these tests run from (this file is `Tests/UniNERCoreTests/RepositoryRoot.swift`), for tests that
/// read what the project ships: README.md, Recipes/.
enum RepositoryRoot {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}
