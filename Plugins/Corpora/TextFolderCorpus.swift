import Foundation
import UniNERCore

/// The `text-folder` corpus: every `.txt` file below a folder is one document, chunked and sampled.
///
/// ```yaml
/// corpus: {kind: text-folder, path: my-domain/, max_tokens: 256, sample: 5000}
/// ```
/// Files are read in the order of their relative paths, which name the documents.
public struct TextFolderCorpus: CorpusSource {
    public struct Options: PluginOptions {
        public var path: String
        public var fileExtension: String
        public var chunking: ChunkingOptions

        public static let optionSpecs: [OptionSpec] = [
            OptionSpec("path", "path", "the folder (searched recursively)"),
            OptionSpec("extension", "string", default: "txt", "extension of the document files"),
        ] + ChunkingOptions.specs

        enum CodingKeys: String, CodingKey {
            case path, sample
            case fileExtension = "extension", maxTokens = "max_tokens"
        }

        public init(path: String, fileExtension: String = "txt", chunking: ChunkingOptions = ChunkingOptions()) {
            self.path = path
            self.fileExtension = fileExtension
            self.chunking = chunking
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            path = try container.decode(String.self, forKey: .path)
            fileExtension = try container.decode(.fileExtension, default: "txt")
            chunking = try ChunkingOptions(from: container, maxTokens: .maxTokens, sample: .sample)
        }
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// - Throws: `DataError` for a missing folder, a folder without documents, or a file that is not UTF-8.
    public func passages(context: RunContext) throws -> [Passage] {
        let root = URL(fileURLWithPath: options.path).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw DataError(file: root.path, "no such folder", help: "set 'path' to a folder of .\(options.fileExtension) files")
        }
        let suffix = "." + options.fileExtension
        var files: [(relative: String, url: URL)] = []
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker where url.lastPathComponent.hasSuffix(suffix) {
                let values = try? url.resourceValues(forKeys: [.isRegularFileKey])
                guard values?.isRegularFile == true else { continue }
                let full = url.standardizedFileURL.path
                let relative = full.hasPrefix(root.path + "/") ? String(full.dropFirst(root.path.count + 1)) : url.lastPathComponent
                files.append((relative, url))
            }
        }
        guard !files.isEmpty else {
            throw DataError(file: root.path, "no \(suffix) files in the folder",
                            help: "put one document per \(suffix) file, or set 'extension'")
        }
        files.sort { $0.relative < $1.relative }
        var documents: [(id: String, text: String, source: String?)] = []
        for file in files {
            let text: String
            do { text = try String(contentsOf: file.url, encoding: .utf8) } catch {
                throw DataError(file: file.url.path, "cannot read the document as UTF-8: \(error.localizedDescription)")
            }
            documents.append((file.relative, text, file.relative))
        }
        return PassageSampling.passages(from: documents, chunker: options.chunking.chunker,
                                        sample: options.chunking.sample, seed: context.seed)
    }
}
