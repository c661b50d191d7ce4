import Foundation

/// Reads a labelled data file (or folder, for multi-file formats) into sentences with natural-language types.
public protocol DatasetFormat: Sendable {
    /// - Throws: `DataError` with file and line for malformed input.
    func read(_ url: URL) throws -> [Sentence]
}

extension DatasetFormat {
    /// Reads `url` and refuses a file from which no sentence could be read: an empty or truncated file would
    /// otherwise train or score on nothing and still exit 0.
    /// - Parameters:
    ///   - kind: the format's recipe kind, for the message.
    ///   - help: what to do about such a file where it came from.
    /// - Throws: what `read` throws; `DataError` naming the file when it holds no sentence.
    public func readSentences(_ url: URL, kind: String, help: String) throws -> [Sentence] {
        let sentences = try read(url)
        guard !sentences.isEmpty else {
            throw DataError(file: url.path, "no sentence could be read from this file (it is empty or holds no record of the '\(kind)' format)",
                            help: help)
        }
        return sentences
    }
}
