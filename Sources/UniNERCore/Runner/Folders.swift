import Foundation

/// Creates the folders a run writes into, turning a file system refusal into an error that says which folder and
/// why (a name over the file system's 255-byte limit used to surface as a raw `NSCocoaErrorDomain 514`).
public enum Folders {
    /// Creates `url` and its parents if missing.
    /// - Throws: `UniNERError` naming the folder and the likely cause.
    public static func create(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            let longest = url.pathComponents.max { $0.utf8.count < $1.utf8.count } ?? ""
            let reason = longest.utf8.count > 255
                ? "its part '\(longest.prefix(40))...' is \(longest.utf8.count) bytes long, more than the 255 a file system allows"
                : "the file system refused (\((error as NSError).localizedFailureReason ?? error.localizedDescription))"
            throw UniNERError("cannot create the folder \(url.path.prefix(300)): \(reason)",
                              help: "shorten the recipe's 'name' or 'output', or check that the folder is writable")
        }
    }
}
