import Foundation
import UniNERCore

/// Loads the staged benchmark datasets by folder name (`CrossNER_AI`, `mit-restaurant`, `conll2003`...) and split.
///
/// A dataset is available when its folder exists under the data root and the registry knows how to read it; a
/// split is available when all its files exist. Entities whose type is outside the dataset's label set (`else`
/// for MISC, SciERC's `generic`, SOFC's `experiment`...) are dropped, so that a loaded split holds exactly what
/// the evaluation asks. Datasets without an official split (E-NER, TASTEset) are cut in file order: the first
/// 80% of sentences are `train`, the next 10% `dev`, the rest `test`.
public struct BenchmarkDatasets: DatasetProvider {
    public let root: URL

    /// - Parameter root: the benchmark folder (`UNINER_DATA`, by default `../shared/benchmark`).
    public init(root: URL) {
        self.root = root
    }

    /// The provider a recipe's `datasets: {kind: benchmark}` section names: its `root`, else the default folder.
    /// - Throws: `UniNERError` when neither is set nor exists.
    public init(options: BenchmarkDatasetsOptions) throws {
        if let root = options.root {
            self.init(root: URL(fileURLWithPath: root))
        } else if let provider = Self.fromEnvironment() {
            self = provider
        } else {
            throw UniNERError("no benchmark folder: UNINER_DATA is unset and ../shared/benchmark does not exist",
                              help: "set UNINER_DATA or the 'root' option")
        }
    }

    /// A provider on `RunContext.defaultDataRoot`, if that folder exists.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> BenchmarkDatasets? {
        RunContext.defaultDataRoot(environment: environment).map(BenchmarkDatasets.init(root:))
    }

    public func availableDatasets() -> [String] {
        BenchmarkRegistry.all.filter { $0.layout != nil && exists($0.name) }.map(\.name)
    }

    /// Every dataset of the paper's table and the extras, staged or not: no recipe dataset may take their names.
    public func knownDatasets() -> [String] { BenchmarkRegistry.all.map(\.name) }

    public func domain(of dataset: String) -> String? { BenchmarkRegistry.dataset(named: dataset)?.domain }

    public func splits(of dataset: String) -> [String] {
        guard let entry = BenchmarkRegistry.dataset(named: dataset), let layout = entry.layout, exists(entry.name) else {
            return []
        }
        if layout.derivedSplit != nil {
            return layout.splits.allSatisfy { $0.paths.allSatisfy { exists(entry.name, $0) } } ? ["train", "dev", "test"] : []
        }
        if let present = layout.presentSplits { return present(folder(entry.name)) }
        return layout.splits.filter { $0.paths.allSatisfy { exists(entry.name, $0) } }.map(\.name)
    }

    /// - Throws: `UniNERError` naming the valid datasets or splits; `DataError` for a malformed file.
    public func load(dataset: String, split: String) throws -> LabeledSplit {
        guard let entry = BenchmarkRegistry.dataset(named: dataset), let layout = entry.layout, exists(entry.name) else {
            throw UniNERError("no benchmark dataset '\(dataset)' under \(root.path)",
                              help: NearestNames.help(for: dataset, among: availableDatasets(), noun: "datasets"))
        }
        let valid = splits(of: entry.name)
        guard valid.contains(split) else {
            throw UniNERError("dataset '\(entry.name)' has no split '\(split)' under \(root.path)",
                              help: valid.isEmpty ? "its files are missing" : NearestNames.help(for: split, among: valid, noun: "splits"))
        }
        let labels = entry.labels ?? []
        let allowed = Set(labels)
        var sentences: [Sentence]
        if let derived = layout.derivedSplit, let whole = layout.splits.first {
            let all = try read(whole.paths, of: entry, format: layout.format(whole.name))
            let train = Int(Double(all.count) * derived.train)
            let dev = Int(Double(all.count) * (derived.train + derived.dev))
            let range = split == "train" ? 0..<train : split == "dev" ? train..<dev : dev..<all.count
            sentences = Array(all[range])
        } else {
            let paths = layout.splits.first { $0.name == split }?.paths ?? []
            sentences = try read(paths, of: entry, format: layout.format(split))
        }
        for index in sentences.indices {
            sentences[index].entities.removeAll { !allowed.contains($0.type) }
        }
        return LabeledSplit(dataset: entry.name, split: split, labels: labels, sentences: sentences)
    }

    private func read(_ paths: [String], of entry: BenchmarkDataset, format: any DatasetFormat) throws -> [Sentence] {
        var sentences: [Sentence] = []
        for path in paths {
            sentences += try format.readSentences(folder(entry.name).appendingPathComponent(path).standardized, kind: entry.format,
                                                  help: "restore the file from its source (see SOURCES.md in the benchmark folder)")
        }
        return sentences
    }

    private func folder(_ name: String) -> URL { root.appendingPathComponent(name) }

    private func exists(_ name: String, _ path: String? = nil) -> Bool {
        let url = path.map { folder(name).appendingPathComponent($0).standardized } ?? folder(name)
        return FileManager.default.fileExists(atPath: url.path)
    }
}

/// Options of the `benchmark` dataset provider.
public struct BenchmarkDatasetsOptions: PluginOptions {
    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("root", "string", default: "null", "the benchmark folder; null uses UNINER_DATA, else ../shared/benchmark"),
    ]

    public var root: String?

    enum Keys: String, CodingKey { case root }

    public init(from decoder: any Decoder) throws {
        root = try decoder.container(keyedBy: Keys.self).decodeIfPresent(String.self, forKey: .root)
    }
}
