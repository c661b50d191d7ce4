import UniNERCore

/// The dataset plugins, for the catalog: one `.format` entry per dataset format and the `.datasets` provider of
/// the benchmark; each built by the type of that name.
public enum DatasetPlugins {
    public static var all: [PluginDescriptor] {
        [
            .plugin(.format, kind: "conll",
                    summary: "CoNLL-style token/tag columns (BIO or IOB1), blank lines between sentences; a folder reads all its files",
                    options: ColumnFormatOptions.self) { $0.format },
            .plugin(.format, kind: "csv-tokens",
                    summary: "one 'token,tag' CSV record per token (E-NER), empty token between sentences",
                    options: CSVTokenFormatOptions.self) { $0.format },
            .plugin(.format, kind: "gliner-json",
                    summary: "GLiNER JSON: {sentence, entities[name,type,pos]} or {tokenized_text, ner}",
                    options: LabelMapOptions<FormatDefaults.GLiNER>.self) { GLiNERJSONFormat(labelMap: $0.labelMap) },
            .plugin(.format, kind: "uniner-json",
                    summary: "UniNER conversation JSON (official query files, Pile-NER-type): sentences rebuilt from answers",
                    options: LabelMapOptions<FormatDefaults.Identity>.self) { ConversationFormat(labelMap: $0.labelMap) },
            .plugin(.format, kind: "finer-ord",
                    summary: "FiNER-ORD CSV with integer labels 0-6 (O, PER, LOC, ORG as B/I)",
                    options: LabelMapOptions<FormatDefaults.CoNLL>.self) { FiNERORDFormat(labelMap: $0.labelMap) },
            .plugin(.format, kind: "tasteset",
                    summary: "TASTEset CSV: recipe text with JSON character spans",
                    options: LabelMapOptions<FormatDefaults.Naturalize>.self) { TASTEsetFormat(labelMap: $0.labelMap) },
            .plugin(.format, kind: "scierc",
                    summary: "SciERC DyGIE JSON lines: sentences with document-level word spans",
                    options: LabelMapOptions<FormatDefaults.SciERC>.self) { SciERCFormat(labelMap: $0.labelMap) },
            .plugin(.format, kind: "sofc",
                    summary: "SOFC-Exp corpus folder: offset TSV annotations over article texts",
                    options: SOFCFormatOptions.self) { $0.format },
            .plugin(.format, kind: "prodigy",
                    summary: "character-offset JSON lines as spaCy and Prodigy write them: {text, spans[start,end,label]}; 'reject' answers skipped",
                    options: LabelMapOptions<FormatDefaults.Identity>.self) { ProdigyFormat(labelMap: $0.labelMap) },
            .plugin(.format, kind: "label-studio",
                    summary: "Label Studio JSON export: tasks {data.text, annotations[result[value{start,end,labels}]]}",
                    options: LabelMapOptions<FormatDefaults.Identity>.self) { LabelStudioFormat(labelMap: $0.labelMap) },
            .plugin(.datasets, kind: "benchmark",
                    summary: "the staged UniversalNER benchmark datasets by folder name and split",
                    options: BenchmarkDatasetsOptions.self) { try BenchmarkDatasets(options: $0) },
        ]
    }
}
