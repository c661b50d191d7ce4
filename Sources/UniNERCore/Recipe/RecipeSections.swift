/// How instruction queries are built from annotations: template, dataset field, negative sampling.
public struct QueriesSection: Sendable {
    /// `per-type` (paper default) or `all-in-one`.
    public var template: PluginSection
    /// Put `Dataset: D` before the text of passages that have a dataset name (Fig. 3).
    public var datasetField: Bool
    /// `none`, `uniform` or `frequency`, with `per_passage`.
    public var negatives: PluginSection
    /// The sampler also adds negatives to the supervised passages: types of the other sets, which their own
    /// dataset never asks (its absent labels are already negatives).
    public var supervisedNegatives: Bool = false
    /// The share of a supervised passage's absent labels asked as negatives (each kept with this probability,
    /// seeded): below 1, a fixed budget of sequences reads more sentences and fewer `[]` answers.
    public var supervisedAbsentShare: Double = 1
}

/// One labelled dataset mixed into the training data (the paper's supervised setting).
public struct SupervisedSource: PluginOptions, Equatable {
    public var dataset: String
    public var split: String
    /// Take at most this many sentences (seeded sample); all when absent.
    public var count: Int?
    /// Repeat the sampled sentences this many times (up-weighting a small set).
    public var weight: Int
    /// Use the dataset-specific template (`Dataset: D`) for this source.
    public var datasetField: Bool

    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("dataset", "string", "benchmark dataset name (folder under UNINER_DATA)"),
        OptionSpec("split", "string", default: "train", "split to take sentences from"),
        OptionSpec("count", "int", default: "all", "number of sentences sampled with the recipe seed", range: .nonNegative),
        OptionSpec("weight", "int", default: "1", "times each sampled sentence is repeated", range: .atLeastOne),
        OptionSpec("dataset_field", "bool", default: "false", "prefix the text with 'Dataset: NAME' (Fig. 3)"),
    ]

    enum CodingKeys: String, CodingKey { case dataset, split, count, weight, datasetField = "dataset_field" }

    public init(dataset: String, split: String = "train", count: Int? = nil, weight: Int = 1, datasetField: Bool = false) {
        self.dataset = dataset
        self.split = split
        self.count = count
        self.weight = weight
        self.datasetField = datasetField
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        dataset = try c.decode(String.self, forKey: .dataset)
        split = try c.decode(.split, default: "train")
        count = try c.decodeIfPresent(Int.self, forKey: .count)
        weight = try c.decode(.weight, default: 1)
        datasetField = try c.decode(.datasetField, default: false)
        if let count, count < 1 { throw InvalidOption("count", "must be at least 1, found \(count)") }
        if weight < 1 { throw InvalidOption("weight", "must be at least 1, found \(weight)") }
    }
}

/// Which benchmark datasets to evaluate on, how, and with which metrics.
public struct EvaluateSection: PluginOptions, Equatable {
    public var datasets: [String]
    public var split: String
    /// Metric kinds (`strict`, `partial`, `span`); the first is the headline number.
    public var metrics: [String]
    /// Evaluate on at most this many sentences per dataset (the first ones, for small-scale runs).
    public var maxSentences: Int?
    /// Ask with the dataset field at inference (supervised setting); omitted zero-shot.
    public var datasetField: Bool
    /// Ask this many consecutive sentences as one text (`PassageJoiner`); nil or 1: each sentence alone.
    public var passageSentences: Int?
    /// Prompt-style kinds that each type is asked by, answers merged (`LabelStyleEnsemble`); nil: the recipe's
    /// `prompt` style alone.
    public var labelStyles: [String]?

    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("datasets", "list of strings", "benchmark datasets to evaluate on"),
        OptionSpec("split", "string", default: "test", "split to evaluate on"),
        OptionSpec("metric", "string or list", default: "[strict]", "metrics: strict, partial, span"),
        OptionSpec("max_sentences", "int", default: "all", "cap on sentences per dataset (small-scale runs)", range: .atLeastOne),
        OptionSpec("dataset_field", "bool", default: "false", "ask with 'Dataset: NAME' (supervised setting)"),
        OptionSpec("passage_sentences", "int", default: "1", "ask N consecutive test sentences as one text, mentions mapped back (documents)", range: .atLeastOne),
        OptionSpec("label_styles", "list of strings", default: "[the prompt style]",
                   "ask each type once per prompt style (type, definition) and merge the answers (higher score wins)"),
    ]

    enum CodingKeys: String, CodingKey {
        case datasets, split, metric, maxSentences = "max_sentences", datasetField = "dataset_field"
        case passageSentences = "passage_sentences", labelStyles = "label_styles"
    }

    public init(datasets: [String], split: String = "test", metrics: [String] = ["strict"], maxSentences: Int? = nil,
                datasetField: Bool = false, passageSentences: Int? = nil, labelStyles: [String]? = nil) {
        self.datasets = datasets
        self.split = split
        self.metrics = metrics
        self.maxSentences = maxSentences
        self.datasetField = datasetField
        self.passageSentences = passageSentences
        self.labelStyles = labelStyles
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        datasets = try c.decode([String].self, forKey: .datasets)
        split = try c.decode(.split, default: "test")
        if let single = try? c.decode(String.self, forKey: .metric) {
            metrics = [single]
        } else {
            metrics = try c.decode(.metric, default: ["strict"])
        }
        maxSentences = try c.decodeIfPresent(Int.self, forKey: .maxSentences)
        datasetField = try c.decode(.datasetField, default: false)
        passageSentences = try c.decodeIfPresent(Int.self, forKey: .passageSentences)
        if let passageSentences, passageSentences < 1 { throw InvalidOption("passage_sentences", "must be at least 1") }
        labelStyles = try c.decodeIfPresent([String].self, forKey: .labelStyles)
        if let labelStyles, labelStyles.isEmpty {
            throw InvalidOption("label_styles", "must name at least one prompt style", help: "type, definition")
        }
        if datasets.isEmpty { throw InvalidOption("datasets", "must name at least one dataset") }
        if metrics.isEmpty { throw InvalidOption("metric", "must name at least one metric", help: "strict, partial, span") }
        if let maxSentences, maxSentences < 1 { throw InvalidOption("max_sentences", "must be at least 1") }
    }
}
