import Testing
import UniNERCore
import UniNERMetrics
import Yams

@Suite("MetricPlugins")
struct MetricPluginsTests {
    let registry: PluginRegistry

    init() throws {
        registry = try PluginRegistry(MetricPlugins.all)
    }

    @Test("registers strict, partial and span as metrics")
    func kinds() throws {
        #expect(registry.kinds(of: .metric) == ["partial", "span", "strict"])
        for kind in ["strict", "partial", "span"] {
            let metric = try registry.make(.metric, kind: kind, as: (any Metric).self)
            #expect(metric.name == kind)
        }
        #expect(registry.descriptor(.metric, kind: "partial")?.options.map(\.name) == ["credit", "clean_response"])
        #expect(registry.descriptor(.metric, kind: "strict")?.options.map(\.name) == ["clean_response"])
        #expect(registry.descriptor(.metric, kind: "span")?.options.isEmpty == true)
    }

    @Test("builds partial from a recipe section and locates a bad credit")
    func recipe() throws {
        let node = try #require(try Yams.compose(yaml: "kind: partial\ncredit: 1.0\nclean_response: false\n"))
        let section = try PluginSection(node: node, path: "evaluate.metric", file: "recipe.yaml")
        let metric = try registry.make(.metric, section, as: PartialMetric.self)
        #expect(metric.credit == 1.0 && !metric.cleanResponse)
        let strict = try registry.make(.metric, kind: "strict", as: StrictMetric.self)
        #expect(strict.cleanResponse)

        let bad = try #require(try Yams.compose(yaml: "kind: partial\ncredit: 2\n"))
        #expect(throws: RecipeError.self) {
            try registry.make(.metric, PluginSection(node: bad, path: "evaluate.metric", file: "recipe.yaml"),
                              as: PartialMetric.self)
        }
        let unknown = try #require(try Yams.compose(yaml: "kind: strict\ncredit: 1\n"))
        #expect(throws: RecipeError.self) {
            try registry.make(.metric, PluginSection(node: unknown, path: "evaluate.metric", file: "recipe.yaml"),
                              as: StrictMetric.self)
        }
    }
}
