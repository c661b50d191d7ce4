/// Loads labelled benchmark datasets by the names of the folders under `UNINER_DATA`.
public protocol DatasetProvider: Sendable {
    /// Names of the datasets whose files are present.
    func availableDatasets() -> [String]
    /// Splits present for a dataset (`train`, `dev`, `test`).
    func splits(of dataset: String) -> [String]
    /// Reads one split into sentences with natural-language labels.
    /// - Throws: `UniNERError` naming the valid datasets or splits, or `DataError` for a bad file.
    func load(dataset: String, split: String) throws -> LabeledSplit
}
