/// Loads labelled datasets by name: the benchmark's folders under `UNINER_DATA`, and a recipe's own datasets.
public protocol DatasetProvider: Sendable {
    /// Names of the datasets whose files are present.
    func availableDatasets() -> [String]
    /// Every name the provider claims, present or not (a recipe's own dataset may not take one).
    func knownDatasets() -> [String]
    /// Splits present for a dataset (`train`, `dev`, `test`).
    func splits(of dataset: String) -> [String]
    /// Reads one split into sentences with natural-language labels.
    /// - Throws: `UniNERError` naming the valid datasets or splits, or `DataError` for a bad file.
    func load(dataset: String, split: String) throws -> LabeledSplit
    /// The dataset's domain for per-domain averages, when the provider knows it.
    func domain(of dataset: String) -> String?
}

extension DatasetProvider {
    public func knownDatasets() -> [String] { availableDatasets() }
    public func domain(of dataset: String) -> String? { nil }
}
