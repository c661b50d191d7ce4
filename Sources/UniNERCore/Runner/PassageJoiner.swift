/// Scores sentence-level evaluation queries as passages, which is what users send: every `size` consecutive
/// sentences of a dataset (in query order) are joined by a space and asked as one text, and each predicted
/// mention goes back to the sentence it lies in, its offsets shifted. A mention over the join of two sentences
/// belongs to neither: it is dropped and counted, so the sentence-level metrics see exactly what a reader of
/// the passage's answers would.
///
/// The predictor must report mention offsets (`Prediction.mentions`); the official answer of each sentence is
/// rebuilt from its mentions.
public struct PassageJoiner: Sendable {
    public var size: Int
    public static let separator = " "

    public init(size: Int) {
        self.size = size
    }

    /// What the joined predictions gave.
    public struct Outcome: Sendable {
        public var predictions: [Prediction]
        public var passages: Int
        /// Mentions that crossed the join of two sentences (dropped).
        public var crossing: Int
    }

    /// One sentence of a passage: its text, where it starts in the passage (Unicode scalars) and its queries.
    struct Member { var text: String; var offset: Int; var length: Int; var queries: [Int] }

    /// - Throws: `UniNERError` when the predictor gives no mention offsets; the predictor's own errors.
    public func predict(_ queries: [EvaluationQuery], with predictor: any Predictor,
                        context: RunContext) async throws -> Outcome {
        // Sentences in order of first appearance, grouped by (dataset field, dataset, text) as predictors group them.
        var sentenceOf: [String: Int] = [:]
        var sentences: [(text: String, dataset: String, field: Bool, queries: [Int])] = []
        for (i, query) in queries.enumerated() {
            let key = "\(query.datasetField)\u{0}\(query.dataset)\u{0}\(query.text)"
            if let s = sentenceOf[key] {
                sentences[s].queries.append(i)
            } else {
                sentenceOf[key] = sentences.count
                sentences.append((query.text, query.dataset, query.datasetField, [i]))
            }
        }
        var joined: [EvaluationQuery] = []
        var passages: [[Member]] = []
        var labelsOf: [[String]] = []
        var start = 0
        while start < sentences.count {
            let slice = sentences[start..<min(sentences.count, start + max(1, size))]
            var members: [Member] = []
            var offset = 0
            for sentence in slice {
                let length = sentence.text.unicodeScalars.count
                members.append(Member(text: sentence.text, offset: offset, length: length, queries: sentence.queries))
                offset += length + Self.separator.unicodeScalars.count
            }
            let text = slice.map(\.text).joined(separator: Self.separator)
            var labels: [String] = []
            for sentence in slice {
                for q in sentence.queries where !labels.contains(queries[q].label) { labels.append(queries[q].label) }
            }
            let first = slice[slice.startIndex]
            for (l, label) in labels.enumerated() {
                joined.append(EvaluationQuery(id: "passage-\(passages.count)-\(l)", dataset: first.dataset, text: text,
                                              label: label, answers: [], datasetField: first.field))
            }
            passages.append(members)
            labelsOf.append(labels)
            start += max(1, size)
        }
        let answered = try await predictor.predict(joined, context: context)
        var byID: [String: Prediction] = [:]
        for prediction in answered { byID[prediction.id] = prediction }
        var predictions = [Prediction?](repeating: nil, count: queries.count)
        var crossing = 0
        for (p, members) in passages.enumerated() {
            for (l, label) in labelsOf[p].enumerated() {
                let id = "passage-\(p)-\(l)"
                guard let mentions = byID[id]?.mentions else {
                    throw UniNERError("the predictor gave no mention offsets for the joined passage \(id), so its "
                                      + "answers cannot be mapped back to sentences",
                                      help: "use a predictor that reports offsets (the span-encoder student), or remove "
                                          + "'evaluate.passage_sentences'")
                }
                var perMember = Array(repeating: [PredictedMention](), count: members.count)
                for mention in mentions {
                    guard let m = members.firstIndex(where: { mention.start >= $0.offset && mention.end <= $0.offset + $0.length })
                    else { crossing += 1; continue }
                    var shifted = mention
                    shifted.start -= members[m].offset
                    shifted.end -= members[m].offset
                    perMember[m].append(shifted)
                }
                for (m, member) in members.enumerated() {
                    for q in member.queries where queries[q].label == label {
                        predictions[q] = Prediction(id: queries[q].id, prediction: PythonJSONWriter.list(perMember[m].map(\.text)),
                                                    mentions: perMember[m])
                    }
                }
            }
        }
        return Outcome(predictions: predictions.enumerated().map { i, prediction in
            prediction ?? Prediction(id: queries[i].id, prediction: "[]", mentions: [])
        }, passages: passages.count, crossing: crossing)
    }
}
