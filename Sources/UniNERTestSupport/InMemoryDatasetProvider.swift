import UniNERCore

/// A `DatasetProvider` over splits held in memory, for tests that need benchmark data without files.
///
/// ```swift
/// let provider = InMemoryDatasetProvider([LabeledSplit(dataset: "toy", split: "train", labels: ["person"],
///                                                      sentences: [...])])
/// ```
public struct InMemoryDatasetProvider: DatasetProvider {
    public let splits: [String: [String: LabeledSplit]]

    public init(_ splits: [LabeledSplit]) {
        var table: [String: [String: LabeledSplit]] = [:]
        for split in splits { table[split.dataset, default: [:]][split.split] = split }
        self.splits = table
    }

    public func availableDatasets() -> [String] { splits.keys.sorted() }

    public func splits(of dataset: String) -> [String] { splits[dataset].map { $0.keys.sorted() } ?? [] }

    /// - Throws: `UniNERError` naming the valid datasets or splits.
    public func load(dataset: String, split: String) throws -> LabeledSplit {
        guard let byName = splits[dataset] else {
            throw UniNERError("unknown dataset '\(dataset)'",
                              help: NearestNames.help(for: dataset, among: availableDatasets(), noun: "datasets"))
        }
        guard let result = byName[split] else {
            throw UniNERError("dataset '\(dataset)' has no split '\(split)'",
                              help: NearestNames.help(for: split, among: byName.keys.sorted(), noun: "splits"))
        }
        return result
    }
}
