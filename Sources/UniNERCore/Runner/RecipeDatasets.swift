import Foundation
import Yams

/// A recipe's own datasets (`datasets:`) layered over another provider (the benchmark's), so that their
/// names work wherever a benchmark name does: `supervised`, the `gold` annotator, the `dataset-text` corpus,
/// `evaluate`, and the command line.
///
/// Built before anything runs, it checks what can be checked then: a name that shadows one of the base
/// provider's, a file that does not exist, and the format's options; a split asked for but not declared is
/// an error at the dataset's key when it is loaded.
public struct RecipeDatasets: DatasetProvider {
    public let own: [RecipeDataset]
    public let base: (any DatasetProvider)?
    let formats: [String: any DatasetFormat]
    /// Per own dataset: a hash of its definition and its files' bytes, for stage cache keys.
    let identities: [String: String]

    /// - Throws: `RecipeError` located in the recipe for a shadowing name, a missing file or bad format options.
    public init(_ datasets: [RecipeDataset], base: (any DatasetProvider)?, registry: PluginRegistry) throws {
        var formats: [String: any DatasetFormat] = [:]
        var identities: [String: String] = [:]
        let known = base?.knownDatasets() ?? []
        for dataset in datasets {
            if let clash = known.first(where: { $0.lowercased() == dataset.name.lowercased() }) {
                throw RecipeError(.invalidValue, at: dataset.location, keyPath: "datasets.\(dataset.name)",
                                  "dataset '\(dataset.name)' shadows the benchmark dataset '\(clash)'",
                                  help: "give your dataset a name of its own, e.g. 'my-\(dataset.name)'")
            }
            var parts = [RecipeSection.canonical(dataset.format)]
            for split in dataset.splits {
                guard FileManager.default.fileExists(atPath: split.url.path) else {
                    throw RecipeError(.invalidValue, at: split.location, keyPath: "datasets.\(dataset.name).\(split.name)",
                                      "the \(split.name) file of dataset '\(dataset.name)' does not exist: \(split.url.path)",
                                      help: "paths are relative to the recipe's folder (\(split.url.deletingLastPathComponent().path) here)")
                }
                parts += [split.name, Self.contentHash(split.url)]
            }
            formats[dataset.name] = try registry.make(.format, dataset.format, as: (any DatasetFormat).self)
            identities[dataset.name] = SHA256.hex(parts.joined(separator: "|"))
        }
        self.own = datasets
        self.base = base
        self.formats = formats
        self.identities = identities
    }

    /// The provider a recipe runs with: `base` alone when it declares no datasets.
    public static func provider(for recipe: Recipe, base: (any DatasetProvider)?,
                                registry: PluginRegistry) throws -> (any DatasetProvider)? {
        recipe.datasets.isEmpty ? base : try RecipeDatasets(recipe.datasets, base: base, registry: registry)
    }

    public func dataset(named name: String) -> RecipeDataset? { own.first { $0.name == name } }

    public func availableDatasets() -> [String] { own.map(\.name) + (base?.availableDatasets() ?? []) }

    public func knownDatasets() -> [String] { own.map(\.name) + (base?.knownDatasets() ?? []) }

    public func splits(of dataset: String) -> [String] {
        if let mine = self.dataset(named: dataset) { return mine.splits.map(\.name) }
        return base?.splits(of: dataset) ?? []
    }

    public func domain(of dataset: String) -> String? {
        if let mine = self.dataset(named: dataset) { return mine.domain ?? "other" }
        return base?.domain(of: dataset)
    }

    /// - Throws: `RecipeError` at the dataset's key for a split it does not declare; the format's `DataError`s.
    public func load(dataset name: String, split: String) throws -> LabeledSplit {
        guard let mine = dataset(named: name), let format = formats[name] else {
            guard let base else {
                throw UniNERError("no dataset '\(name)': the recipe does not declare it and no benchmark folder was found",
                                  help: NearestNames.help(for: name, among: own.map(\.name), noun: "datasets"))
            }
            return try base.load(dataset: name, split: split)
        }
        guard let file = mine.split(split) else {
            let present = mine.splits.map(\.name)
            throw RecipeError(.missingKey, at: mine.location, keyPath: "datasets.\(name).\(split)",
                              "dataset '\(name)' has no \(split) split (it has \(present.joined(separator: ", ")))",
                              help: "add '\(split): PATH' to 'datasets.\(name)', or ask for "
                                  + (present.count == 1 ? "'\(present[0])'" : "one of \(present.joined(separator: ", "))"))
        }
        let sentences = try format.readSentences(file.url, kind: mine.format.kind,
                                                 help: "check 'datasets.\(name).\(split)' and the file's format")
        var labels = mine.labelOrder
        var seen = Set(labels)
        for sentence in sentences {
            for entity in sentence.entities where seen.insert(entity.type).inserted { labels.append(entity.type) }
        }
        return LabeledSplit(dataset: name, split: split, labels: labels, sentences: sentences)
    }

    /// A hash of the own datasets named by any string value in `node` (a plugin section's options), so a stage
    /// that reads them is recomputed when their files change; empty when it names none.
    public func identity(mentionedIn node: Node) -> String {
        var names: [String] = []
        func visit(_ node: Node) {
            switch node {
            case .scalar(let scalar): if identities[scalar.string] != nil, !names.contains(scalar.string) { names.append(scalar.string) }
            case .mapping(let mapping): mapping.forEach { visit($0.value) }
            case .sequence(let sequence): sequence.forEach(visit)
            default: break
            }
        }
        visit(node)
        return identity(of: names)
    }

    /// A hash of the named own datasets (names of benchmark datasets are ignored); empty when none is own.
    public func identity(of names: [String]) -> String {
        let parts = names.compactMap { name in identities[name].map { "\(name)=\($0)" } }
        return parts.isEmpty ? "" : SHA256.hex(parts.joined(separator: "|"))
    }

    /// The SHA-256 of a file, or of every file in a folder (name and bytes, in name order).
    static func contentHash(_ url: URL) -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue else { return SHA256.hex(bytes: (try? Data(contentsOf: url)) ?? Data()) }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
        return SHA256.hex(names.map { "\($0):\(contentHash(url.appendingPathComponent($0)))" }.joined(separator: "|"))
    }
}
