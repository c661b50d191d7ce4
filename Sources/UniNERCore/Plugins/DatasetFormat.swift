import Foundation

/// Reads a labelled data file (or folder, for multi-file formats) into sentences with natural-language types.
public protocol DatasetFormat: Sendable {
    /// - Throws: `DataError` with file and line for malformed input.
    func read(_ url: URL) throws -> [Sentence]
}
