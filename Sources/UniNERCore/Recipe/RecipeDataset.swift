import Foundation
import Yams

/// A labelled dataset of the practitioner's own, declared in the recipe's top-level `datasets:` map.
///
/// ```yaml
/// datasets:
///   recipes-test: {format: prodigy, test: data/own-domain/test.jsonl, labels: {ING: ingredient}, domain: cooking}
/// ```
/// `format` names a dataset format kind; `train`, `dev` and `test` are paths relative to the recipe's folder
/// (any may be missing); `domain` groups it in the report's averages. Every other key is an option of the
/// format (`labels`, `label_fallback`, `separator`...). The name works wherever a benchmark name does.
public struct RecipeDataset: @unchecked Sendable {
    // @unchecked: the format section holds an immutable Yams tree.

    /// One split's file, as written and as resolved against the recipe's folder.
    public struct Split: Sendable, Equatable {
        public var name: String
        public var written: String
        public var url: URL
        public var location: SourceLocation?
    }

    public var name: String
    /// The format kind and its options (every key of the entry but `format`, the splits and `domain`).
    public var format: PluginSection
    public var splits: [Split]
    public var domain: String?
    /// The natural names of `labels:` in the order written: the label set's order in queries.
    public var labelOrder: [String]
    /// Where the dataset's name was written, for errors about the dataset as a whole.
    public var location: SourceLocation?

    /// Keys of an entry that are not format options.
    public static let ownKeys = ["format", "train", "dev", "test", "domain"]
    static let splitNames = ["train", "dev", "test"]

    public func split(_ name: String) -> Split? { splits.first { $0.name == name } }

    /// Reads the `datasets:` node of a recipe.
    /// - Throws: `RecipeError` at the offending key for a wrong shape or a missing `format`.
    static func parse(_ node: Node, file: String) throws -> [RecipeDataset] {
        guard case .mapping(let mapping) = node else {
            throw RecipeError(.wrongType, at: RecipeNodes.location(of: node, file: file), keyPath: "datasets",
                              "'datasets' must map names to {format: KIND, train/dev/test: PATH, ...}",
                              help: "write e.g. 'datasets: {mine: {format: prodigy, test: data/test.jsonl}}'")
        }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        return try mapping.map { key, value in
            let name = key.string ?? ""
            let path = "datasets.\(name)"
            guard !name.isEmpty, case .mapping(let entry) = value else {
                throw RecipeError(.wrongType, at: RecipeNodes.location(of: value, file: file), keyPath: path,
                                  "'\(path)' must be a mapping {format: KIND, train/dev/test: PATH, ...}")
            }
            guard let formatNode = entry["format"], let kind = formatNode.string, !kind.isEmpty else {
                throw RecipeError(.missingKey, at: RecipeNodes.location(of: key, file: file), keyPath: path + ".format",
                                  "dataset '\(name)' does not say its format",
                                  help: "add 'format: KIND' (run 'uniner plugins' for the dataset format kinds, e.g. conll, prodigy, label-studio)")
            }
            var splits: [Split] = []
            for split in splitNames {
                guard let pathNode = entry[split] else { continue }
                guard let written = pathNode.string, !written.isEmpty else {
                    throw RecipeError(.wrongType, at: RecipeNodes.location(of: pathNode, file: file), keyPath: "\(path).\(split)",
                                      "'\(path).\(split)' must be a file path")
                }
                let url = written.hasPrefix("/") ? URL(fileURLWithPath: written)
                    : folder.appendingPathComponent(written).standardized
                splits.append(Split(name: split, written: written, url: url,
                                    location: RecipeNodes.location(of: pathNode, file: file)))
            }
            guard !splits.isEmpty else {
                throw RecipeError(.missingKey, at: RecipeNodes.location(of: key, file: file), keyPath: path,
                                  "dataset '\(name)' names no file", help: "add 'train: PATH', 'dev: PATH' or 'test: PATH'")
            }
            let rest = entry.filter { !ownKeys.contains($0.key.string ?? "") }
            let options = Node.mapping(Node.Mapping(rest.map { ($0.key, $0.value) }, entry.tag, entry.style, entry.mark))
            var labelOrder: [String] = []
            if case .mapping(let labels)? = entry["labels"] {
                for (_, natural) in labels {
                    if let text = natural.string, !labelOrder.contains(text) { labelOrder.append(text) }
                }
            }
            return RecipeDataset(
                name: name,
                format: PluginSection(kind: kind, options: options, path: path, file: file,
                                      kindLocation: RecipeNodes.location(of: formatNode, file: file)),
                splits: splits, domain: entry["domain"]?.string, labelOrder: labelOrder,
                location: RecipeNodes.location(of: key, file: file))
        }
    }
}
