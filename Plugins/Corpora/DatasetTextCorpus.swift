import UniNERCore

/// The `dataset-text` corpus: the sentences of benchmark datasets (labels ignored) as documents, through
/// `context.datasets`.
///
/// ```yaml
/// corpus: {kind: dataset-text, datasets: [conll2003, ncbi], split: train, max_tokens: 256, sample: 5000}
/// ```
/// Each sentence is one document, so passages never merge sentences (a sentence longer than `max_tokens` is cut).
/// A passage's `source` is `{dataset}/{split}` and its id `{dataset}/{split}/{sentence id}#{chunk}`, which the
/// `gold` annotator uses to find the labels.
public struct DatasetTextCorpus: CorpusSource {
    public struct Options: PluginOptions {
        public var datasets: [String]
        public var split: String
        public var chunking: ChunkingOptions

        public static let optionSpecs: [OptionSpec] = [
            OptionSpec("datasets", "list of names", "benchmark datasets (folder names under UNINER_DATA)"),
            OptionSpec("split", "string", default: "train", "train, dev or test"),
        ] + ChunkingOptions.specs

        enum CodingKeys: String, CodingKey {
            case datasets, split, sample
            case maxTokens = "max_tokens"
        }

        public init(datasets: [String], split: String = "train", chunking: ChunkingOptions = ChunkingOptions()) {
            self.datasets = datasets
            self.split = split
            self.chunking = chunking
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            datasets = try container.decode([String].self, forKey: .datasets)
            split = try container.decode(.split, default: "train")
            chunking = try ChunkingOptions(from: container, maxTokens: .maxTokens, sample: .sample)
            guard !datasets.isEmpty else {
                throw InvalidOption("datasets", "names no dataset", help: "list at least one, e.g. [conll2003]")
            }
        }
    }

    public let options: Options

    /// The datasets whose sentences are the passages.
    public var trainingDatasets: [String] { options.datasets }

    public init(options: Options) {
        self.options = options
    }

    /// - Throws: `UniNERError` when no dataset provider is set, or the provider's error for an unknown dataset
    ///   or split.
    public func passages(context: RunContext) throws -> [Passage] {
        guard let provider = context.datasets else {
            throw UniNERError("the dataset-text corpus needs the benchmark datasets, and none are available",
                              help: "set UNINER_DATA to the benchmark folder (run 'uniner datasets' to see what is found)")
        }
        var documents: [(id: String, text: String, source: String?)] = []
        for dataset in options.datasets {
            let split = try provider.load(dataset: dataset, split: options.split)
            let source = "\(dataset)/\(options.split)"
            for sentence in split.sentences {
                documents.append(("\(source)/\(sentence.id)", sentence.text, source))
            }
        }
        return PassageSampling.passages(from: documents, chunker: options.chunking.chunker,
                                        sample: options.chunking.sample, seed: context.seed)
    }
}
