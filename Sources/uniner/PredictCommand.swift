import ArgumentParser
import Foundation
import UniNERCore
import UniNERNumerics
import UniNERStudents

struct PredictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Tag texts from stdin with a trained span-encoder model; JSON lines out with mentions and offsets.",
        discussion: """
        Input: one text per line, either plain text or a JSON object {"text": ..., "id": ..., "types": [...]}
        ("types" overrides --types for that line). Output, one JSON object per input line:
        {"id", "text", "entities": [{"text", "label", "start", "end", "score"}], "answers": {label: official answer}}
        Offsets count Unicode scalars (Python str indices), end exclusive. With --scores also "scores": {label: [[start,
        end, probability], ...]}, every span at or above the threshold (its best over the windows that saw it).
        """
    )

    @Option(help: "Model folder written by the span-encoder student (or its stage folder).")
    var model: String

    @Option(help: "Entity types, comma-separated (e.g. \"person,organization\").")
    var types: String = ""

    @Option(help: "Span probability needed (default: the one saved with the model).")
    var threshold: Float?

    @Option(help: "flat or nested (default: the one saved with the model).")
    var decoding: String?

    @Option(help: "One label per span across the types asked (true or false; default: only for all-in-one models).")
    var labelsCompete: Bool?

    @Option(help: "Threads (default: all cores).")
    var threads: Int?

    @Option(help: "Texts per batch of predictions.")
    var chunk = 256

    @Flag(inversion: .prefixedNo, help: "Score no span across a sentence end (a line of several sentences gives the mentions of each).")
    var splitSentences = true

    @Flag(help: "Also print \"scores\": {label: [[start, end, probability], ...]}, every span at or above the threshold.")
    var scores = false

    func validate() throws {
        if let decoding, SpanDecoder.Mode(rawValue: decoding) == nil || decoding == "threshold" {
            throw ValidationError("--decoding must be flat or nested, not '\(decoding)'")
        }
        if let threshold, !(0...1).contains(threshold) { throw ValidationError("--threshold must be in [0, 1]") }
        if chunk < 1 { throw ValidationError("--chunk must be at least 1") }
    }

    struct Input: Decodable { var text: String; var id: String?; var types: [String]? }
    struct Entity: Encodable { var text: String; var label: String; var start: Int; var end: Int; var score: Double? }
    struct Output: Encodable {
        var id: String?; var text: String; var entities: [Entity]; var answers: [String: String]
        var scores: [String: [[Double]]]?
    }

    func run() async throws {
        try await reportingErrors {
            let predictor = try SpanEncoderPredictor(
                modelDirectory: URL(fileURLWithPath: model), threshold: threshold,
                decoding: decoding.flatMap(SpanDecoder.Mode.init(rawValue:)), labelsCompete: labelsCompete,
                threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, splitSentences: splitSentences)
            let defaultTypes = types.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var pending: [Input] = []
            var lineNumber = 0
            func flush() throws {
                guard !pending.isEmpty else { return }
                let items = pending.map { ($0.text, nil as String?, $0.types ?? defaultTypes) }
                // One encoder pass for both: with --scores the candidates come from the same span tables.
                let (found, spans) = scores ? try predictor.mentionsAndCandidates(texts: items)
                    : (try predictor.mentions(texts: items), [])
                for (n, (input, perLabel)) in zip(pending, found).enumerated() {
                    let labels = input.types ?? defaultTypes
                    var entities: [Entity] = []
                    var answers: [String: String] = [:]
                    for (label, mentions) in zip(labels, perLabel) {
                        answers[label] = SpanEncoderPredictor.officialAnswer(mentions)
                        entities += mentions.map { Entity(text: $0.text, label: label, start: $0.start, end: $0.end, score: $0.score) }
                    }
                    entities.sort { ($0.start, $0.end) < ($1.start, $1.end) }
                    let table = scores ? Dictionary(zip(labels, spans[n]), uniquingKeysWith: { a, _ in a })
                        .mapValues { $0.map { [Double($0.start), Double($0.end), $0.score ?? 0] } } : nil
                    let line = try encoder.encode(Output(id: input.id, text: input.text, entities: entities, answers: answers,
                                                         scores: table))
                    FileHandle.standardOutput.write(line + Data("\n".utf8))
                }
                pending.removeAll()
            }
            while let line = readLine(strippingNewline: true) {
                lineNumber += 1
                if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                var input = Input(text: line)
                if line.first == "{" {
                    do { input = try JSONDecoder().decode(Input.self, from: Data(line.utf8)) } catch {
                        throw UniNERError("stdin line \(lineNumber): not a JSON object with a \"text\" string",
                                          help: "give plain text, or {\"text\": ..., \"types\": [...]}")
                    }
                }
                if (input.types ?? defaultTypes).isEmpty {
                    throw UniNERError("stdin line \(lineNumber): no entity types to look for",
                                      help: "pass --types \"person,organization\" or a \"types\" list in the line")
                }
                pending.append(input)
                if pending.count >= chunk { try flush() }
            }
            try flush()
        }
    }
}
