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
    /// Every family's list, one each.
    public static var all: [PluginDescriptor] {
        DatasetPlugins.all
            + CorpusPlugins.all
            + AnnotatorPlugins.all
            + PromptingPlugins.all
            + SamplingPlugins.all
            + StudentPlugins.all
            + PredictorPlugins.all
            + MetricPlugins.all
    }

    /// The registry of `all`. A kind registered twice is a mistake in this code, not in a recipe, and the tests
    /// build `all` first (`CatalogTests`), so it is stopped here rather than made every caller's error.
    public static let registry: PluginRegistry = {
        do { return try PluginRegistry(all) } catch { preconditionFailure(error.localizedDescription) }
    }()

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
