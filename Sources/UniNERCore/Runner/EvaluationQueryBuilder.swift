import Foundation

/// The paper's evaluation protocol: one query per (sentence, label of the dataset's label set), and the official
/// UniNER conversation records those queries are written as (`src/eval/test_data/*.json`).
///
/// A record reads `Text: {text}` / `I've read this text.` / `What describes {label} in the text?` / the gold
/// mentions as Python's `json.dumps` writes a list of strings (`["a", "b"]`, ASCII-escaped, `[]` when none).
public enum EvaluationQueryBuilder {
    /// The paper's cap on passage-query pairs per dataset (§3 of PAPER.md).
    public static let paperQueryLimit = 200_000

    /// Queries for every sentence and label, in sentence order then label order.
    ///
    /// Answers are the mention strings of the label in order of appearance (by start offset; duplicates kept),
    /// spans their character offsets; ids are `<dataset>_<n>` counting from 0, as the official files do.
    /// - Parameters:
    ///   - dataset: the name used in ids (the split's dataset when `nil`).
    ///   - labels: the labels to ask (the split's label set when `nil`).
    ///   - limit: keep at most this many queries (the first ones); `nil` keeps all.
    public static func queries(for split: LabeledSplit, dataset: String? = nil, labels: [String]? = nil,
                               limit: Int? = nil) -> [EvaluationQuery] {
        queries(dataset: dataset ?? split.dataset, sentences: split.sentences, labels: labels ?? split.labels,
                limit: limit)
    }

    /// Queries for `sentences` × `labels` (see `queries(for:dataset:labels:limit:)`).
    public static func queries(dataset: String, sentences: [Sentence], labels: [String],
                               limit: Int? = nil) -> [EvaluationQuery] {
        var result: [EvaluationQuery] = []
        let cap = limit ?? Int.max
        result.reserveCapacity(min(cap, sentences.count * labels.count))
        for sentence in sentences {
            let ordered = sentence.entities.enumerated()
                .sorted { ($0.element.start, $0.element.end, $0.offset) < ($1.element.start, $1.element.end, $1.offset) }
                .map(\.element)
            for label in labels {
                guard result.count < cap else { return result }
                let mentions = ordered.filter { $0.type == label }
                result.append(EvaluationQuery(
                    id: "\(dataset)_\(result.count)", dataset: dataset, text: sentence.text, label: label,
                    answers: mentions.map(\.text),
                    spans: mentions.map { CharacterSpan(start: $0.start, end: $0.end) }))
            }
        }
        return result
    }

    // MARK: - Official conversation records

    /// The official record for a query; `datasetField` adds the Fig. 3 prefix `Dataset: D \n Text: ...`.
    public static func conversation(for query: EvaluationQuery, datasetField: Bool = false) -> Conversation {
        Conversation(id: query.id, conversations: [
            .init(from: ConversationText.humanRole, value: ConversationText.firstTurn(text: query.text,
                                                                                     dataset: datasetField ? query.dataset : nil)),
            .init(from: ConversationText.assistantRole, value: ConversationText.acknowledgement),
            .init(from: ConversationText.humanRole, value: ConversationText.question(query.label)),
            .init(from: ConversationText.assistantRole, value: PythonJSONWriter.list(query.answers)),
        ])
    }

    /// Official records for queries, in order.
    public static func conversations(for queries: [EvaluationQuery], datasetField: Bool = false) -> [Conversation] {
        queries.map { conversation(for: $0, datasetField: datasetField) }
    }

    /// Reads an official query file (a JSON list of conversation records) into queries.
    /// - Parameter dataset: the dataset name; when `nil`, each record's id without its trailing `_<n>`.
    /// - Throws: `DataError` naming the file and record for a malformed record.
    public static func readQueries(from url: URL, dataset: String? = nil) throws -> [EvaluationQuery] {
        let records = try PileNERFormat.read(url)
        var result: [EvaluationQuery] = []
        for (index, record) in records.enumerated() {
            do {
                result += try queries(from: record, dataset: dataset)
            } catch let error as DataError {
                throw DataError(file: url.path, "record \(index) ('\(record.id)'): \(error.message)", help: error.help)
            }
        }
        return result
    }

    /// The queries of one record: one per (question, answer) pair after `Text:` and `I've read this text.`.
    /// A record with several questions gives ids `<id>_<k>`.
    /// - Throws: `DataError` naming the record (as its "file") and what is malformed.
    public static func queries(from record: Conversation, dataset: String? = nil) throws -> [EvaluationQuery] {
        let place = "conversation '\(record.id)'"
        let turns = record.conversations
        guard turns.count >= 4, turns.count % 2 == 0, turns[0].from == "human" else {
            throw DataError(file: place, "expected 'Text: ...', 'I've read this text.' and question/answer pairs, found \(turns.count) turns")
        }
        guard let (text, recordDataset) = ConversationText.parseFirstTurn(turns[0].value) else {
            throw DataError(file: place, "first turn does not start with 'Text: ' or 'Dataset: D \\n Text: '")
        }
        let name = dataset ?? recordDataset ?? datasetName(fromID: record.id)
        let pairs = stride(from: 2, to: turns.count, by: 2).map { (turns[$0], turns[$0 + 1]) }
        return try pairs.enumerated().map { number, pair in
            let (question, answer) = pair
            guard question.from == "human", answer.from == "gpt" else {
                throw DataError(file: place, "turns must alternate human/gpt")
            }
            guard let label = ConversationText.parseQuestion(question.value) else {
                throw DataError(file: place, "question '\(question.value)' is not 'What describes {label} in the text?'")
            }
            guard let answers = decodeStringList(answer.value) else {
                throw DataError(file: place, "answer '\(answer.value)' is not a JSON list of strings")
            }
            let id = pairs.count == 1 ? record.id : "\(record.id)_\(number)"
            return EvaluationQuery(id: id, dataset: name, text: text, label: label, answers: answers)
        }
    }

    static func datasetName(fromID id: String) -> String {
        guard let underscore = id.lastIndex(of: "_"), Int(id[id.index(after: underscore)...]) != nil else { return id }
        return String(id[..<underscore])
    }

    // MARK: - JSON lists

    /// Decodes a JSON list of strings (`nil` if it is not one).
    public static func decodeStringList(_ text: String) -> [String]? {
        guard let data = text.data(using: .utf8),
              let list = try? JSONSerialization.jsonObject(with: data) as? [Any] else { return nil }
        let strings = list.compactMap { $0 as? String }
        return strings.count == list.count ? strings : nil
    }
}
