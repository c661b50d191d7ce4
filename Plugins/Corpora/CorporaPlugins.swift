import UniNERCore

/// The corpus sources, for the catalog.
public enum CorporaPlugins {
    public static var descriptors: [PluginDescriptor] {
        [
            .plugin(.corpus, kind: "jsonl", summary: "documents from a JSON-lines file, chunked and sampled",
                    options: JSONLCorpus.Options.self) { JSONLCorpus(options: $0) },
            .plugin(.corpus, kind: "text-folder", summary: "one document per .txt file of a folder, chunked and sampled",
                    options: TextFolderCorpus.Options.self) { TextFolderCorpus(options: $0) },
            .plugin(.corpus, kind: "dataset-text",
                    summary: "the sentences of benchmark datasets (labels ignored), chunked and sampled",
                    options: DatasetTextCorpus.Options.self) { DatasetTextCorpus(options: $0) },
        ]
    }
}
