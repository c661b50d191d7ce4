import ArgumentParser
import Foundation
import UniNERStudents

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a trained span-encoder model as one ONNX graph with tokenizer.json and a standalone predict.py.",
        discussion: """
        The graph (encoder + span head) takes input_ids, attention_mask, token_type_ids [batch, tokens], span_start,
        span_end [batch, spans] (token indices of a span's first and last piece) and query_positions [batch, queries],
        and gives span_scores [batch, spans, queries] (probabilities). It is built with the `onnx` Python package in
        the venv of scripts/onnx-venv.sh. Then: python FOLDER/predict.py --types "person,location" < texts.txt
        (onnxruntime and tokenizers only) prints what `uniner predict` prints.
        """
    )

    @Option(help: "Model folder written by the span-encoder student (or its stage folder).")
    var model: String

    @Option(help: "Export format (onnx).")
    var format: String = "onnx"

    @Option(help: "Folder to write model.onnx, tokenizer.json, student.json, span_config.json, predict.py and README.md.")
    var out: String

    func validate() throws {
        guard format == "onnx" else { throw ValidationError("--format must be onnx, not '\(format)'") }
    }

    func run() async throws {
        try await reportingErrors {
            let started = Date()
            let exporter = try OnnxExporter(modelDirectory: URL(fileURLWithPath: model))
            let files = try exporter.export(to: URL(fileURLWithPath: out))
            let bytes = files.reduce(0) { total, url in
                total + ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0)
            }
            logLine(String(format: "exported %@ in %.1f s: %@ (%.1f MB in all)", exporter.modelFolder.path,
                           Date().timeIntervalSince(started), files.map(\.lastPathComponent).joined(separator: ", "),
                           Double(bytes) / 1e6))
            print(URL(fileURLWithPath: out).appendingPathComponent("model.onnx").path)
        }
    }
}
