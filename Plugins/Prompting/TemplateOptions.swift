import UniNERCore

/// Options shared by the `per-type` and `all-in-one` templates.
///
/// The dataset field (Fig. 3) is not a template option: the recipe sets it once, as `queries.dataset_field` for
/// distilled passages and `dataset_field` per supervised source, and the runner passes it to `example(...)`.
public struct TemplateOptions: PluginOptions, Equatable {
    /// Shuffle the question/answer pairs after the first turn with the run's seed (as the official training did).
    public var shuffle: Bool

    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("shuffle", "bool", default: "true",
                   "shuffle the question/answer pairs after the first turn with the seed (official training did)"),
    ]

    enum CodingKeys: String, CodingKey { case shuffle }

    public init(shuffle: Bool = true) {
        self.shuffle = shuffle
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        shuffle = try container.decode(.shuffle, default: true)
    }
}
