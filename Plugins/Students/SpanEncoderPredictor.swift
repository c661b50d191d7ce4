import Foundation
import UniNERCore
import UniNERNumerics

/// Answers evaluation queries with a trained span-encoder model.
///
/// Queries on the same text (and dataset field) are grouped: with an `all-in-one` model every label of the
/// group is asked in one encoder pass and mentions are decoded jointly (one label per span); with a `per-type`
/// model there is one pass per (text, label), or with a shared-pass one (`SharedPassLayout`) one pass per text in
/// which each label is still answered and decoded on its own (`labelsCompete` overrides either default). Texts longer than `max_tokens` go through word windows that
/// overlap by a quarter; a span seen in several windows keeps its highest probability. Passes are sorted by
/// length and batched; BLAS uses the threads given. With `splitSentences` each sentence of a text
/// (`SentenceSplitter`) is encoded as its own pass and no span across a sentence end is scored: a paragraph gives
/// the mentions its sentences give alone.
public final class SpanEncoderPredictor: Predictor, Sendable {
    public let info: SpanEncoderModelInfo
    public let threshold: Float
    public let decoding: SpanDecoder.Mode
    /// Whether the labels asked of a text compete for its spans (one label per span, the highest probability
    /// winning) or each label is decoded alone, so that one span may answer several of them.
    public let labelsCompete: Bool
    /// Encoder passes per batch.
    public let batchSize: Int
    /// Encode each sentence of a text (`SentenceSplitter`) as its own pass: no span crosses a sentence end.
    public let splitSentences: Bool
    let model: SpanModel
    let encoder: SpanInputEncoder
    let threads: Int

    /// Loads a model folder written by the span-encoder student (or the stage folder that holds it).
    /// - Parameters:
    ///   - threshold: span probability needed (`nil`: the one saved with the model).
    ///   - decoding: `flat` or `nested` (`nil`: the saved one).
    ///   - labelsCompete: one label per span across the labels asked (`nil`: only for an all-in-one model, whose
    ///     labels share one pass; a per-type model then answers each label on its own, as the paper's template does).
    ///   - batchSize: encoder passes per batch.
    ///   - splitSentences: never score a span across a sentence end.
    /// - Throws: `UniNERError` when the folder holds no span-encoder model; numerics errors for bad weights.
    public init(modelDirectory: URL, threshold: Float? = nil, decoding: SpanDecoder.Mode? = nil,
                labelsCompete: Bool? = nil, threads: Int = 1, batchSize: Int = 8, splitSentences: Bool = true) throws {
        let folder = SpanEncoderModelInfo.modelFolder(in: modelDirectory)
        info = try SpanEncoderModelInfo.load(folder: folder)
        self.threshold = threshold ?? info.threshold
        self.decoding = decoding ?? info.decoding
        self.labelsCompete = labelsCompete ?? (info.layout == .allInOne)
        self.threads = threads
        self.batchSize = batchSize
        self.splitSentences = splitSentences
        model = try SpanModel.load(folder: folder)
        let tokenizer = try SpanEncoderStudent.loadTokenizer(folder)
        encoder = SpanInputEncoder(tokenizer: tokenizer, maxTokens: info.maxTokens, pooling: info.queryPooling ?? .token)
    }

    public func predict(_ queries: [EvaluationQuery], context: RunContext) async throws -> [Prediction] {
        let progress = ProgressReporter("span-encoder predict", total: queries.count, unit: "queries", log: context.log)
        let result = try predictQueries(queries) { progress.advance(by: $0) }
        progress.finish()
        return result
    }

    /// The predictions of `queries`, in order; `advance` is called with the number of queries finished.
    public func predictQueries(_ queries: [EvaluationQuery], advance: (Int) -> Void = { _ in }) throws -> [Prediction] {
        var groupOf: [String: Int] = [:]
        var groups: [(text: String, dataset: String?, labels: [String], queries: [Int])] = []
        for (i, query) in queries.enumerated() {
            let dataset = query.datasetField ? query.dataset : nil
            let key = (dataset ?? "") + "\u{0}" + query.text
            if groupOf[key] == nil {
                groupOf[key] = groups.count
                groups.append((query.text, dataset, [], []))
            }
            let g = groupOf[key]!
            if !groups[g].labels.contains(query.label) { groups[g].labels.append(query.label) }
            groups[g].queries.append(i)
        }
        var predictions = [Prediction?](repeating: nil, count: queries.count)
        // Work in slices of groups so that memory stays flat on large sets.
        var start = 0
        while start < groups.count {
            let slice = Array(groups[start..<min(groups.count, start + 256)])
            let mentions = try mentions(texts: slice.map { ($0.text, $0.dataset, $0.labels) })
            for (g, group) in slice.enumerated() {
                for i in group.queries {
                    let found = mentions[g][group.labels.firstIndex(of: queries[i].label)!]
                    predictions[i] = Prediction(id: queries[i].id, prediction: Self.officialAnswer(found),
                                                mentions: found)
                }
                advance(group.queries.count)
            }
            start += 256
        }
        return predictions.map { $0! }
    }

    /// For each (text, dataset field, labels): the mentions of each label, in text order, decoded `flat` or
    /// `nested` as `decoding` says (`nil`: this predictor's).
    public func mentions(texts: [(text: String, dataset: String?, labels: [String])],
                         decoding: SpanDecoder.Mode? = nil) throws -> [[[PredictedMention]]] {
        mentions(of: try spanTables(texts: texts), texts: texts, decoding: decoding)
    }

    /// `mentions(texts:)` and, from the same encoder pass, every span at or above the threshold for each label,
    /// undecoded, with its best probability over the windows that saw it, in text order (what `uniner predict
    /// --scores` prints).
    public func mentionsAndCandidates(texts: [(text: String, dataset: String?, labels: [String])]) throws
        -> (mentions: [[[PredictedMention]]], candidates: [[[PredictedMention]]]) {
        let scored = try spanTables(texts: texts)
        return (mentions(of: scored, texts: texts, decoding: nil), candidates(of: scored, texts: texts))
    }

    private func mentions(of scored: (words: [[Token]], tables: [[[SpanKey: Float]]]),
                          texts: [(text: String, dataset: String?, labels: [String])],
                          decoding: SpanDecoder.Mode?) -> [[[PredictedMention]]] {
        texts.indices.map { g in
            decode(scored.tables[g], words: scored.words[g], text: texts[g].text, joint: labelsCompete,
                   mode: decoding)
        }
    }

    private func candidates(of scored: (words: [[Token]], tables: [[[SpanKey: Float]]]),
                            texts: [(text: String, dataset: String?, labels: [String])]) -> [[[PredictedMention]]] {
        texts.indices.map { g in
            scored.tables[g].map { table in
                table.sorted { ($0.key.start, $0.key.end) < ($1.key.start, $1.key.end) }.map { key, prob in
                    let start = scored.words[g][key.start].start, end = scored.words[g][key.end].end
                    return PredictedMention(text: texts[g].text.unicodeScalarSlice(start, end), start: start, end: end,
                                            score: Double(prob))
                }
            }
        }
    }

    /// Per text: its words and, per label, the best probability of every span (word indices) at or above the threshold.
    func spanTables(texts: [(text: String, dataset: String?, labels: [String])]) throws
        -> (words: [[Token]], tables: [[[SpanKey: Float]]]) {
        struct Pass { var group: Int; var labels: [Int]; var sequence: SpanSequence }
        var passes: [Pass] = []
        var words: [[Token]] = []
        for (g, item) in texts.enumerated() {
            let w = WordSplitter.words(in: item.text)
            words.append(w)
            let sentenceIndices = splitSentences ? SentenceSplitter.sentenceIndices(of: w, in: item.text) : []
            let passage = encoder.passage(words: w.map(\.text))
            let labelGroups = labelChunks(item.labels, dataset: item.dataset)
            for chunk in labelGroups {
                let chunkLabels = chunk.map { item.labels[$0] }
                // one query side per chunk, tokenized once for all windows of the text
                let shared = info.isSharedPass ? SharedPassLayout.querySide(encoder, labels: chunkLabels, dataset: item.dataset) : nil
                let query = shared == nil ? encoder.querySide(labels: chunkLabels, dataset: item.dataset, layout: info.layout) : (ids: [], queries: [], widths: nil)
                let budget = shared?.passageBudget(maxTokens: info.maxTokens) ?? encoder.passageBudget(querySide: query.ids)
                guard budget > 0 else {
                    throw UniNERError("the query side of '\(chunk.map { item.labels[$0] })' does not fit in \(info.maxTokens) tokens")
                }
                // With sentences split, each sentence is its own pass (or windows within it): the student was trained
                // on single sentences, and a long text of many reads otherwise unlike anything it saw.
                var windows: [Range<Int>] = []
                for part in Self.sentenceRuns(sentenceIndices, count: w.count) {
                    windows += SpanInputEncoder.windows(ranges: Array(passage.ranges[part]), budget: budget, overlap: max(1, budget / 4))
                        .map { ($0.lowerBound + part.lowerBound)..<($0.upperBound + part.lowerBound) }
                }
                for window in windows {
                    let built = shared.map { SharedPassLayout.sequence(encoder, query: $0, dataset: item.dataset, passage: passage, window: window) }
                        ?? encoder.sequence(query: query, passage: passage, window: window)
                    if !built.sequence.wordFirst.isEmpty { passes.append(Pass(group: g, labels: chunk, sequence: built.sequence)) }
                }
            }
        }
        // best[g][label] = [span key: probability], only at or above the threshold
        var best = texts.map { Array(repeating: [SpanKey: Float](), count: $0.labels.count) }
        // Longest first: the first batch sizes the reused cache, and no later batch makes it grow (growing
        // reallocates and clears every buffer again, which ascending order did at nearly every batch).
        let order = passes.indices.sorted { passes[$0].sequence.count > passes[$1].sequence.count }
        BLAS.setThreads(threads)
        let cache = SpanModel.Cache()
        var i = 0
        while i < order.count {
            let chunk = Array(order[i..<min(order.count, i + batchSize)])
            let scores = try model.predict(encoder.batch(chunk.map { passes[$0].sequence }), reusing: cache)
            for (k, p) in chunk.enumerated() {
                // With sentences split, no pass holds two sentences, so no span crosses a sentence end.
                let pass = passes[p], s = scores[k]
                for (si, span) in s.spans.enumerated() {
                    let key = SpanKey(start: pass.sequence.wordIndex[span.start], end: pass.sequence.wordIndex[span.end])
                    for q in 0..<s.queryCount {
                        let prob = info.corrected(s.probs[si * s.queryCount + q])
                        if prob >= threshold {
                            let label = pass.labels[q]
                            best[pass.group][label][key] = max(prob, best[pass.group][label][key] ?? 0)
                        }
                    }
                }
            }
            i += batchSize
        }
        return (words, best)
    }

    /// The word ranges of consecutive sentences (`indices` from `SentenceSplitter`), or the whole text without them.
    static func sentenceRuns(_ indices: [Int], count: Int) -> [Range<Int>] {
        guard !indices.isEmpty else { return [0..<count] }
        var runs: [Range<Int>] = []
        var start = 0
        for i in 1..<(indices.count + 1) where i == indices.count || indices[i] != indices[i - 1] {
            runs.append(start..<i)
            start = i
        }
        return runs
    }

    /// The official answer string: the JSON list of the mention strings in text order, as `json.dumps` writes it.
    public static func officialAnswer(_ mentions: [PredictedMention]) -> String {
        PythonJSONWriter.list(mentions.map(\.text))
    }

    struct SpanKey: Hashable { var start: Int, end: Int }

    /// Label chunks asked in one pass: each label alone (per-type), or all labels while the query side (the type
    /// blocks, for a shared-pass model) stays within half of `max_tokens` (all-in-one, shared pass).
    func labelChunks(_ labels: [String], dataset: String?) -> [[Int]] {
        guard info.layout == .allInOne || info.isSharedPass else { return labels.indices.map { [$0] } }
        var chunks: [[Int]] = [[]]
        for i in labels.indices {
            let candidate = chunks[chunks.count - 1] + [i]
            let sideLength = info.isSharedPass
                ? info.maxTokens - SharedPassLayout.passageBudget(encoder, labels: candidate.map { labels[$0] }, dataset: dataset)
                : encoder.querySide(labels: candidate.map { labels[$0] }, dataset: dataset, layout: .allInOne).ids.count
            if sideLength > info.maxTokens / 2 && !chunks[chunks.count - 1].isEmpty {
                chunks.append([i])
            } else {
                chunks[chunks.count - 1] = candidate
            }
        }
        return chunks.filter { !$0.isEmpty }
    }

    /// Greedy decoding, highest probability first: `flat` allows no shared word, `nested` allows nesting but no
    /// partial overlap; with `joint` the labels compete (one label per span), else each label is decoded alone.
    func decode(_ table: [[SpanKey: Float]], words: [Token], text: String, joint: Bool,
                mode: SpanDecoder.Mode? = nil) -> [[PredictedMention]] {
        let mode = mode ?? decoding
        struct Candidate { var label: Int; var key: SpanKey; var prob: Float }
        func choose(_ candidates: [Candidate]) -> [Candidate] {
            let sorted = candidates.sorted {
                ($0.prob, $1.key.start, $1.key.end, $1.label) > ($1.prob, $0.key.start, $0.key.end, $0.label)
            }
            var chosen: [Candidate] = []
            for c in sorted {
                let clash = chosen.contains { a in
                    if c.key.end < a.key.start || a.key.end < c.key.start { return false }
                    if c.key == a.key || mode == .flat { return true }
                    let nests = (c.key.start <= a.key.start && a.key.end <= c.key.end)
                        || (a.key.start <= c.key.start && c.key.end <= a.key.end)
                    return !nests
                }
                if !clash { chosen.append(c) }
            }
            return chosen
        }
        let all = table.enumerated().flatMap { label, spans in spans.map { Candidate(label: label, key: $0.key, prob: $0.value) } }
        let chosen = joint ? choose(all) : table.indices.flatMap { label in choose(all.filter { $0.label == label }) }
        var result = Array(repeating: [PredictedMention](), count: table.count)
        for c in chosen.sorted(by: { ($0.key.start, $0.key.end) < ($1.key.start, $1.key.end) }) {
            let start = words[c.key.start].start, end = words[c.key.end].end
            result[c.label].append(PredictedMention(text: text.unicodeScalarSlice(start, end), start: start, end: end,
                                                    score: Double(c.prob)))
        }
        return result
    }
}
