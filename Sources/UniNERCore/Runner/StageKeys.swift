/// The cache keys of a run's stages, all derived by `derive` from `StageDeclaration.all`: a stage's key hashes
/// its name, its upstream stages' keys and the recipe sections it declares (with what they read from files),
/// so it changes when and only when something the stage reads changes.
public struct StageKeys: Sendable, Equatable {
    /// stage → dataset ("" for a stage computed once per run) → key
    public private(set) var keys: [PipelineStage: [String: String]] = [:]

    /// What a section reads beyond its own text, such as the contents of a file it names ("" for nothing);
    /// given the evaluation dataset for per-dataset stages.
    public typealias Identity = (_ section: RecipeSection, _ dataset: String?) throws -> String

    /// The key of `stage` (for a per-dataset stage, of `dataset`); nil for a stage past the derived ones.
    public func key(_ stage: PipelineStage, dataset: String? = nil) -> String? {
        keys[stage]?[StageDeclaration.of(stage).perDataset ? dataset ?? "" : ""]
    }

    /// The keys of every stage up to `last`.
    /// - Parameters:
    ///   - inferenceOnly: the student's options its `training` section leaves out.
    ///   - identity: asked only for the sections of stages up to `last`, so a file that a later stage reads
    ///     (a model not trained yet) need not exist.
    public static func derive(_ recipe: Recipe, upTo last: PipelineStage = .metrics, inferenceOnly: [String] = [],
                              identity: Identity = { _, _ in "" }) throws -> StageKeys {
        var derived = StageKeys()
        for declaration in StageDeclaration.all where declaration.stage <= last {
            for dataset in declaration.perDataset ? recipe.evaluate?.datasets ?? [] : [""] {
                let named = dataset.isEmpty ? nil : dataset
                var parts = [declaration.stage.rawValue]
                for upstream in declaration.upstream {
                    parts.append(derived.key(upstream, dataset: named) ?? "")
                }
                for section in declaration.sections {
                    parts += [section.rawValue, section.text(in: recipe, inferenceOnly: inferenceOnly, dataset: named),
                              try identity(section, named)]
                }
                derived.keys[declaration.stage, default: [:]][dataset] = hash(parts)
            }
        }
        return derived
    }

    /// The SHA-256 of the parts, each length-prefixed so that no two part lists collide.
    public static func hash(_ parts: [String]) -> String {
        SHA256.hex(parts.map { "\($0.utf8.count):\($0)" }.joined(separator: "|"))
    }
}
