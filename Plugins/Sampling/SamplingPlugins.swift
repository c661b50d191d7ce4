import UniNERCore

/// The negative samplers of Tab. 4, for the catalog.
public enum SamplingPlugins {
    public static var all: [PluginDescriptor] {
        [
            // `none` accepts `per_passage` (and ignores it) so that a sweep over the kind can keep one option set.
            .plugin(.negatives, kind: "none", summary: "no negative types (Tab. 4: 31.5 F1); per_passage is ignored",
                    options: SamplerOptions.self) { _ in NoNegativeSampler() },
            .plugin(.negatives, kind: "uniform",
                    summary: "absent types drawn uniformly over all types of the annotated set (Tab. 4: 47.7 F1)",
                    options: SamplerOptions.self) { UniformNegativeSampler(perPassage: $0.perPassage) },
            .plugin(.negatives, kind: "frequency",
                    summary: "absent types drawn in proportion to their frequency in the annotated set (Tab. 4: 53.4 F1, paper default)",
                    options: SamplerOptions.self) { FrequencyNegativeSampler(perPassage: $0.perPassage) },
        ]
    }
}
