import UniNERCore

/// Options shared by the `per-type` and `all-in-one` templates.
public struct TemplateOptions: PluginOptions, Equatable {
    /// Shuffle the question/answer pairs after the first turn with the run's seed (as the official training did).
    public var shuffle: Bool
    /// Always put `Dataset: D` before the text (Fig. 3) when the passage names its dataset; the runner can also
    /// ask for it per call (`datasetField:`), and either one turns it on.
    public var datasetField: Bool

    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("shuffle", "bool", default: "true",
                   "shuffle the question/answer pairs after the first turn with the seed (official training did)"),
        OptionSpec("dataset_field", "bool", default: "false",
                   "first turn 'Dataset: D \\n Text: ...' (Fig. 3) for passages that name their dataset"),
    ]

    enum CodingKeys: String, CodingKey {
        case shuffle
        case datasetField = "dataset_field"
    }

    public init(shuffle: Bool = true, datasetField: Bool = false) {
        self.shuffle = shuffle
        self.datasetField = datasetField
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        shuffle = try container.decode(.shuffle, default: true)
        datasetField = try container.decode(.datasetField, default: false)
    }
}
