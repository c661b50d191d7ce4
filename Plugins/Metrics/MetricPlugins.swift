import UniNERCore

/// The metric plugins, for the catalog: `strict`, `partial` and `span`.
public enum MetricPlugins {
    public static var all: [PluginDescriptor] {
        [
            .plugin(.metric, kind: "strict",
                    summary: "official UniNER evaluator: strict micro P/R/F1 over normalised entity strings",
                    options: StrictMetric.Options.self) { StrictMetric(options: $0) },
            .plugin(.metric, kind: "partial",
                    summary: "strict, plus partial credit (0.5) for a prediction sharing a word with a gold mention",
                    options: PartialMetric.Options.self) { PartialMetric(options: $0) },
            .plugin(.metric, kind: "span",
                    summary: "micro P/R/F1 over (query, character span) when predictions carry offsets",
                    options: NoOptions.self) { _ in SpanMetric() },
        ]
    }
}
