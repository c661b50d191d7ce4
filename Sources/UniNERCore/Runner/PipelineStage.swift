/// The stages of a recipe run, in data-flow order.
public enum PipelineStage: String, CaseIterable, Codable, Sendable, Comparable {
    case passages, annotations, queries, model, predictions, metrics

    public static func < (a: PipelineStage, b: PipelineStage) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What one stage did in a run: its cache key, whether it came from the cache, time taken and its report.
public struct StageRecord: Codable, Sendable {
    public var stage: PipelineStage
    /// The evaluation dataset of a per-dataset stage (predictions), nil for the others.
    public var dataset: String?
    public var key: String
    public var cached: Bool
    public var seconds: Double
    public var report: StageReport

    public init(stage: PipelineStage, dataset: String? = nil, key: String, cached: Bool, seconds: Double, report: StageReport) {
        self.stage = stage
        self.dataset = dataset
        self.key = key
        self.cached = cached
        self.seconds = seconds
        self.report = report
    }

    /// How logs and reports name it: the stage, with its dataset (`predictions conll2003`).
    public var label: String { dataset.map { "\(stage.rawValue) \($0)" } ?? stage.rawValue }
}

/// The outcome of one recipe variant: stage records and scores per dataset and metric.
public struct RunResult: Codable, Sendable {
    public var recipe: String
    public var variant: String
    public var folder: String
    public var stages: [StageRecord]
    /// dataset → metric → score
    public var scores: [String: [String: MetricScore]]
    /// dataset → domain, for per-domain averages.
    public var domains: [String: String]
    /// Evaluation datasets in recipe order.
    public var datasets: [String]
    public var metrics: [String]
    /// dataset → the labels asked of it at evaluation (as the prompt style names them), in first-asked order.
    public var labels: [String: [String]] = [:]
    /// dataset → metric → label → score (the per-label tables; absent in results written before they existed).
    public var perLabel: [String: [String: [String: MetricScore]]]?
    /// dataset → metric → counts per test sentence, in sentence order: what `PairedBootstrap` resamples, kept so
    /// `uniner report` computes intervals from run folders without rerunning anything.
    public var sentences: [String: [String: [MetricCounts]]]?
    /// The entry of `seeds:` this run trained with; nil for a recipe without `seeds:`.
    public var seed: UInt64?
    /// The protocol line (`ZeroShotCheck.protocolLine`): in-domain and zero-shot datasets, what chose the threshold.
    public var protocolLine: String?
    /// The evaluated datasets that also feed training (the others are zero-shot); nil in results written before.
    public var inDomain: [String]?
    /// The recipe's `description:`.
    public var summary: String?

    public init(recipe: String, variant: String, folder: String, stages: [StageRecord], scores: [String: [String: MetricScore]],
                domains: [String: String], datasets: [String], metrics: [String]) {
        self.recipe = recipe
        self.variant = variant
        self.folder = folder
        self.stages = stages
        self.scores = scores
        self.domains = domains
        self.datasets = datasets
        self.metrics = metrics
    }

    /// The unweighted mean F1 over datasets (the paper's average) for a metric, and per domain.
    public func averageF1(metric: String, domain: String? = nil) -> Double? {
        let values = datasets.filter { domain == nil || domains[$0] == domain }.compactMap { scores[$0]?[metric]?.f1 }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// The variant, with `/seed-N` for an entry of `seeds:` (how the comparison names one run).
    public var runName: String {
        let variant = self.variant.isEmpty ? "default" : self.variant
        return seed.map { "\(variant)/seed-\($0)" } ?? (self.variant.isEmpty ? "" : variant)
    }

    /// Domains present, in order of first dataset.
    public var domainOrder: [String] {
        var seen = Set<String>()
        return datasets.compactMap { domains[$0] }.filter { seen.insert($0).inserted }
    }
}
