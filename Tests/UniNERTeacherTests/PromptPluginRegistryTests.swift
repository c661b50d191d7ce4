import Testing
import UniNERCore
import UniNERAnnotators
import UniNERCorpora
import UniNERPrompting
import UniNERSampling

/// The descriptors build every plugin from a recipe section through the registry, with the options' defaults.
@Suite struct PromptPluginRegistryTests {
    let registry: PluginRegistry

    init() throws {
        registry = try PluginRegistry(PromptingPlugins.all + SamplingPlugins.all + CorpusPlugins.all + AnnotatorPlugins.all)
    }

    @Test func kindsUseThePapersWords() {
        #expect(registry.kinds(of: .prompt) == ["definition", "type"])
        #expect(registry.kinds(of: .template) == ["all-in-one", "per-type"])
        #expect(registry.kinds(of: .negatives) == ["frequency", "none", "uniform"])
        #expect(registry.kinds(of: .corpus) == ["dataset-text", "jsonl", "text-folder"])
        #expect(registry.kinds(of: .annotator) == ["command", "gold", "openai", "replay", "reviewed"])
    }

    @Test func pluginsBuildWithDefaultOptions() throws {
        let style: any PromptStyle = try registry.make(.prompt, kind: "definition")
        #expect(style.name == "definition")
        let template: any QueryTemplate = try registry.make(.template, kind: "per-type")
        #expect((template as? PerTypeTemplate)?.options == TemplateOptions(shuffle: true))
        let sampler: any NegativeSampler = try registry.make(.negatives, kind: "frequency")
        #expect((sampler as? FrequencyNegativeSampler)?.perPassage == 4)
        let gold: any Annotator = try registry.make(.annotator, kind: "gold")
        #expect((gold as? GoldAnnotator)?.options.split == "train")
    }

    @Test func requiredOptionsAreReported() {
        #expect { let _: any CorpusSource = try registry.make(.corpus, kind: "jsonl") } throws: { error in
            (error as? RecipeError)?.kind == .missingKey && (error as? RecipeError)?.keyPath == "corpus.path"
        }
        #expect { let _: any Annotator = try registry.make(.annotator, kind: "replay") } throws: { error in
            (error as? RecipeError)?.kind == .missingKey
        }
        #expect(throws: RecipeError.self) { let _: any NegativeSampler = try registry.make(.negatives, kind: "frequncy") }
    }

    @Test func everyOptionIsDocumented() {
        for descriptor in registry.descriptors {
            #expect(!descriptor.summary.isEmpty)
            #expect(descriptor.options.allSatisfy { !$0.summary.isEmpty && !$0.name.contains(" ") })
        }
    }
}
