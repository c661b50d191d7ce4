import UniNERCore

/// The `gold` annotator: a labelled benchmark dataset acts as a perfect teacher (through `context.datasets`).
///
/// ```yaml
/// annotator: {kind: gold, datasets: [conll2003, ncbi], split: train, limit: 2000}   # the datasets' own sentences
/// annotator: {kind: gold}            # label the passages of a dataset-text corpus
/// ```
/// With `datasets`, every sentence of each dataset's split (or `limit` of them per dataset, sampled with the seed
/// and kept in file order) becomes an annotated passage, and the given passages are not used. Without it, each
/// given passage from the `dataset-text` corpus (source `{dataset}/{split}`, id `{source}/{sentence id}#{chunk}`)
/// gets the gold entities inside it; other passages are left out and counted.
///
/// Mentions are the gold entity strings in sentence order; types go through the prompt style's
/// `label(forType:)` (a definition in the `definition` style). With `absent_labels` (default), every label of
/// the dataset's label set that the sentence lacks becomes one of its `negativeTypes`, as the official
/// supervised files ask every label. Each passage's `dataset` is set, for the dataset field of Fig. 3.
public struct GoldAnnotator: Annotator {
    public struct Options: PluginOptions {
        public var datasets: [String]
        public var split: String
        public var limit: Int?
        public var absentLabels: Bool

        public static let optionSpecs: [OptionSpec] = [
            OptionSpec("datasets", "list of names", default: "[]",
                       "benchmark datasets whose sentences become the passages; empty: label the corpus passages"),
            OptionSpec("split", "string", default: "train", "train, dev or test"),
            OptionSpec("limit", "int", default: "null", "sentences per dataset, sampled with the seed; all when absent", range: .nonNegative),
            OptionSpec("absent_labels", "bool", default: "true",
                       "the dataset's labels absent from a sentence become its negative types"),
        ]

        enum CodingKeys: String, CodingKey {
            case datasets, split, limit
            case absentLabels = "absent_labels"
        }

        public init(datasets: [String] = [], split: String = "train", limit: Int? = nil, absentLabels: Bool = true) {
            self.datasets = datasets
            self.split = split
            self.limit = limit
            self.absentLabels = absentLabels
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            datasets = try container.decode(.datasets, default: [])
            split = try container.decode(.split, default: "train")
            limit = try container.decodeIfPresent(Int.self, forKey: .limit)
            absentLabels = try container.decode(.absentLabels, default: true)
            if let limit, limit < 1 { throw InvalidOption("limit", "must be at least 1, found \(limit)") }
        }
    }

    public let options: Options

    /// The datasets whose gold labels teach the student.
    public var trainingDatasets: [String] { options.datasets }

    public init(options: Options = Options()) {
        self.options = options
    }

    /// With a `limit`, which draw picked the sentences: `SeededSubset` replaced this annotator's own partial
    /// Fisher-Yates, so annotations cached by the old draw must not be reused. Empty (the key as before) otherwise.
    public func cacheIdentity() throws -> String {
        options.limit != nil && !options.datasets.isEmpty ? "subset: \(SeededSubset.algorithm)" : ""
    }

    /// - Throws: `UniNERError` without a dataset provider or for a type the style cannot name; the provider's
    ///   errors for unknown datasets or splits.
    public func annotate(_ passages: [Passage], style: any PromptStyle, context: RunContext) async throws -> AnnotationResult {
        guard let provider = context.datasets else {
            throw UniNERError("the gold annotator needs the benchmark datasets, and none are available",
                              help: "set UNINER_DATA to the benchmark folder (run 'uniner datasets' to see what is found)")
        }
        var labeler = Labeler(style: style)
        var report = StageReport()
        var annotated: [AnnotatedPassage] = []
        if !options.datasets.isEmpty {
            for dataset in options.datasets {
                let split = try provider.load(dataset: dataset, split: options.split)
                let source = "\(dataset)/\(options.split)"
                for sentence in SeededSubset.draw(split.sentences, count: options.limit, seed: context.seed, stream: "gold.\(dataset)") {
                    let passage = Passage(id: "\(source)/\(sentence.id)", text: sentence.text, source: source)
                    annotated.append(try annotate(passage, entities: sentence.entities, split: split, labeler: &labeler))
                }
            }
            if !passages.isEmpty {
                report.notes.append("gold: the \(passages.count) corpus passages were not used; 'datasets' gives the passages")
            }
        } else {
            var splits: [String: (split: LabeledSplit, byID: [String: Sentence])] = [:]
            for passage in passages {
                guard let source = passage.source, let (dataset, splitName) = Self.parse(source: source) else {
                    report.add("passages without gold")
                    continue
                }
                if splits[source] == nil {
                    let split = try provider.load(dataset: dataset, split: splitName)
                    splits[source] = (split, Dictionary(split.sentences.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }))
                }
                guard let (split, byID) = splits[source],
                      let sentenceID = Self.sentenceID(of: passage.id, source: source),
                      let sentence = byID[sentenceID],
                      let entities = Self.entities(of: sentence, inside: passage.text) else {
                    report.add("passages without gold")
                    continue
                }
                annotated.append(try annotate(passage, entities: entities, split: split, labeler: &labeler))
            }
        }
        report.add("passages", Double(annotated.count))
        report.add("mentions", Double(annotated.reduce(0) { $0 + $1.mentions.count }))
        context.log("gold: \(annotated.count) passages, \(Int(report["mentions"])) mentions")
        return AnnotationResult(passages: annotated, report: report)
    }

    func annotate(_ passage: Passage, entities: [EntitySpan], split: LabeledSplit,
                  labeler: inout Labeler) throws -> AnnotatedPassage {
        let ordered = entities.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        let mentions = try ordered.map { Mention(text: $0.text, type: try labeler.label($0.type)) }
        var negatives: [String] = []
        if options.absentLabels {
            let present = Set(ordered.map(\.type))
            negatives = try split.labels.filter { !present.contains($0) }.map { try labeler.label($0) }
        }
        return AnnotatedPassage(passage: passage, mentions: mentions, negativeTypes: negatives, dataset: split.dataset)
    }

    /// `conll2003/train` → (`conll2003`, `train`).
    static func parse(source: String) -> (String, String)? {
        guard let slash = source.lastIndex(of: "/") else { return nil }
        let dataset = String(source[..<slash]), split = String(source[source.index(after: slash)...])
        return dataset.isEmpty || split.isEmpty ? nil : (dataset, split)
    }

    /// `{source}/{sentence id}#{chunk}` → `{sentence id}`.
    static func sentenceID(of passageID: String, source: String) -> String? {
        guard passageID.hasPrefix(source + "/") else { return nil }
        var rest = passageID.dropFirst(source.count + 1)
        if let hash = rest.lastIndex(of: "#") { rest = rest[..<hash] }
        return String(rest)
    }

    /// The entities of `sentence` that lie inside `text` (a chunk of it), shifted to offsets in `text`; `nil` when
    /// `text` is not part of the sentence.
    static func entities(of sentence: Sentence, inside text: String) -> [EntitySpan]? {
        if text == sentence.text { return sentence.entities }
        guard let range = sentence.text.range(of: text) else { return nil }
        let scalars = sentence.text.unicodeScalars
        let start = scalars.distance(from: scalars.startIndex, to: range.lowerBound)
        let end = start + text.unicodeScalars.count
        return sentence.entities.filter { $0.start >= start && $0.end <= end }.map { entity in
            var shifted = entity
            shifted.start -= start
            shifted.end -= start
            shifted.tokenStart = nil
            shifted.tokenEnd = nil
            return shifted
        }
    }

    /// Maps gold types through the prompt style, once per type.
    struct Labeler {
        let style: any PromptStyle
        var cache: [String: String] = [:]

        mutating func label(_ type: String) throws -> String {
            if let known = cache[type] { return known }
            let label = try style.label(forType: type)
            cache[type] = label
            return label
        }
    }
}
