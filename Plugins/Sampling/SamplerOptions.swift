import UniNERCore

/// Options of the `uniform` and `frequency` negative samplers.
public struct SamplerOptions: PluginOptions, Equatable {
    /// Absent types to add to each passage (fewer when fewer are absent).
    public var perPassage: Int

    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("per_passage", "int", default: "4", "absent types added to each passage, answered []", range: .nonNegative),
    ]

    enum CodingKeys: String, CodingKey { case perPassage = "per_passage" }

    public init(perPassage: Int = 4) {
        self.perPassage = perPassage
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        perPassage = try container.decode(.perPassage, default: 4)
        guard perPassage >= 0 else {
            throw InvalidOption("per_passage", "must be zero or more, found \(perPassage)")
        }
    }
}
