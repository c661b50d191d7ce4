import Foundation
import UniNERCore

/// One dataset of the UniversalNER benchmark (paper Tab. 6): what it is, its label set in natural language, the
/// paper's split sizes, where to obtain it, and (when its files can be staged) how to read them.
public struct BenchmarkDataset: Sendable {
    /// Train/dev/test instance counts.
    public struct Sizes: Sendable, Hashable, Codable {
        public var train: Int
        public var dev: Int
        public var test: Int

        public init(_ train: Int, _ dev: Int, _ test: Int) {
            self.train = train
            self.dev = dev
            self.test = test
        }
    }

    /// How a dataset folder under the data root is read.
    public struct Layout: Sendable {
        /// Split name → paths relative to the dataset folder (several paths are read in order and concatenated;
        /// `..` reaches a sibling folder, as CoNLL++ does for CoNLL-2003's train and dev).
        public var splits: [(name: String, paths: [String])]
        /// Builds the reader for one split (SOFC selects the articles of the split).
        public var format: @Sendable (_ split: String) -> any DatasetFormat
        /// For sources without an official split: the whole file is `splits`' single path and train/dev/test are
        /// cut from it in order by these fractions of sentences (see `BenchmarkDatasets`).
        public var derivedSplit: (train: Double, dev: Double)?

        public init(splits: [(name: String, paths: [String])], derivedSplit: (train: Double, dev: Double)? = nil,
                    format: @escaping @Sendable (_ split: String) -> any DatasetFormat) {
            self.splits = splits
            self.derivedSplit = derivedSplit
            self.format = format
        }

        /// One reader for every split.
        public init(splits: [(name: String, paths: [String])], derivedSplit: (train: Double, dev: Double)? = nil,
                    format: any DatasetFormat) {
            self.init(splits: splits, derivedSplit: derivedSplit, format: { _ in format })
        }
    }

    /// The folder name under the data root (`CrossNER_AI`), or for datasets never staged a short identifier.
    public var name: String
    /// The name as Tab. 6 prints it.
    public var paperName: String
    /// One of the paper's 9 domains (as grouped in Tab. 6), or `general` for the extra sets.
    public var domain: String
    /// The labels asked at evaluation, in natural language and query order; `nil` when not established here.
    public var labels: [String]?
    /// The recipe `kind` of the dataset format that reads its staged files (or the source's format otherwise).
    public var format: String
    /// Sizes from Tab. 6; `nil` for datasets that are not rows of Tab. 6.
    public var paperSizes: Sizes?
    /// Where the data can be obtained.
    public var source: String
    /// Whether the dataset is a row of Tab. 6 (CoNLL-2003 and WNUT-17 are extras used for supervised mixing).
    public var inPaperTable: Bool
    /// How to read the staged folder; `nil` when no staged copy is supported.
    public var layout: Layout?
    /// Decisions and caveats (label choices, split definitions, count differences).
    public var notes: String

    public init(name: String, paperName: String, domain: String, labels: [String]?, format: String,
                paperSizes: Sizes?, source: String, inPaperTable: Bool = true, layout: Layout? = nil,
                notes: String = "") {
        self.name = name
        self.paperName = paperName
        self.domain = domain
        self.labels = labels
        self.format = format
        self.paperSizes = paperSizes
        self.source = source
        self.inPaperTable = inPaperTable
        self.layout = layout
        self.notes = notes
    }
}
