import UniNERCore

/// The corpus sources, for the catalog: one entry per recipe `kind`, each built by the type of that name.
public enum CorpusPlugins {
    public static var all: [PluginDescriptor] {
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
