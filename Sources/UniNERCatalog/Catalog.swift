import Foundation
import UniNERAnnotators
import UniNERCorpora
import UniNERDatasets
import UniNERCore
import UniNERMetrics
import UniNERPredictors
import UniNERPrompting
import UniNERSampling
import UniNERStudents

/// The one visible catalog: every plugin of every family, registered under its recipe `kind`.
///
/// To add a plugin: implement the family's protocol in its module under `Plugins/`, give it a `PluginOptions`
/// struct, and add its `PluginDescriptor` to that module's descriptor list, which is listed here.
public enum Catalog {
    public static let registry = PluginRegistry(
        UniNERDatasets.descriptors
            + CorporaPlugins.descriptors
            + ReplayGoldPlugins.replayAndGoldDescriptors
            + TeacherAnnotatorPlugins.openAIAndCommandDescriptors
            + ReviewedPlugins.descriptors
            + PromptingPlugins.descriptors
            + SamplingPlugins.descriptors
            + StudentPlugins.descriptors
            + PredictorPlugins.descriptors
            + MetricPlugins.descriptors
    )

    /// The 43 datasets of the paper's benchmark (Tab. 6).
    public static var benchmark: [BenchmarkDatasetInfo] {
        BenchmarkRegistry.all.map {
            BenchmarkDatasetInfo(name: $0.name, domain: $0.domain, format: $0.format, source: $0.source, labels: $0.labels ?? [])
        }
    }

    /// The benchmark datasets under `root` (or `UNINER_DATA`, or `../shared/benchmark`).
    public static func datasets(root: URL? = RunContext.defaultDataRoot()) -> (any DatasetProvider)? {
        root.map(BenchmarkDatasets.init(root:))
    }
}
