import Foundation
import XCTest
import UniNERCore
@testable import UniNERStudents

/// Tiny training data and helpers shared by the student tests.
enum StudentFixtures {
    /// The MiniLM folder (for its vocabulary): `UNINER_MODEL_DIR`, else `.models/all-MiniLM-L6-v2` in the package.
    static func backbone(file: StaticString = #filePath) throws -> URL {
        if let dir = ProcessInfo.processInfo.environment["UNINER_MODEL_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        let root = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent(".models/all-MiniLM-L6-v2")
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("vocab.txt").path) else {
            throw XCTSkip("no backbone folder at \(folder.path) (set UNINER_MODEL_DIR)")
        }
        return folder
    }

    static let texts = [
        "Barack Obama visited Paris with Angela Merkel .",
        "Microsoft opened an office in Berlin .",
        "Marie Curie worked in Paris for the Sorbonne .",
        "Google hired Alan Turing in London .",
    ]
    static let gold: [[(String, [String])]] = [
        [("person", ["Barack Obama", "Angela Merkel"]), ("location", ["Paris"]), ("organization", [])],
        [("person", []), ("location", ["Berlin"]), ("organization", ["Microsoft"])],
        [("person", ["Marie Curie"]), ("location", ["Paris"]), ("organization", ["Sorbonne"])],
        [("person", ["Alan Turing"]), ("location", ["London"]), ("organization", ["Google"])],
    ]

    static func examples(layout: InstructionExample.Layout) -> [InstructionExample] {
        zip(texts, gold).enumerated().map { i, pair in
            InstructionExample(id: "ex\(i)", text: pair.0, layout: layout,
                               queries: pair.1.map { LabelQuery(label: $0.0, answers: $0.1) })
        }
    }

    static func options(steps: Int, checkpointEvery: Int = 1000, lr: Float = 1e-3) throws -> SpanEncoderOptions {
        SpanEncoderOptions(backbone: try backbone().path, size: "tiny", maxWidth: 4, maxSteps: steps, batch: 4,
                           lr: lr, encoderLR: lr, warmup: 0, schedule: .constant, maxTokens: 64,
                           checkpointEvery: checkpointEvery, threads: 1, dropout: 0)
    }

    static func context(_ folder: URL, seed: UInt64 = 7) -> RunContext {
        RunContext(seed: seed, workDirectory: folder, threads: 1)
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-student-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The loss curve saved with a trained model.
    static func losses(_ stage: URL) throws -> [Double] {
        let data = try Data(contentsOf: stage.appendingPathComponent("model/training.json"))
        return try JSONDecoder().decode(SpanEncoderStudent.TrainingRecord.self, from: data).losses
    }

    static func queries(labels: [String] = ["person", "location", "organization"]) -> [EvaluationQuery] {
        texts.enumerated().flatMap { i, text in
            labels.map { EvaluationQuery(id: "q\(i)-\($0)", dataset: "toy", text: text, label: $0, answers: []) }
        }
    }

    /// The export's refusal of the model `info` describes (nil if it accepts it).
    static func exportError(for info: SpanEncoderModelInfo) throws -> (any Error)? {
        let stage = try temporaryFolder()
        try JSONEncoder().encode(info).write(to: stage.appendingPathComponent(SpanEncoderModelInfo.fileName))
        return try exportError(modelDirectory: stage)
    }

    /// The export's refusal of a model folder, with a stand-in ONNX venv so that the checks on the model are the
    /// ones that fail.
    static func exportError(modelDirectory: URL) throws -> (any Error)? {
        let cache = try temporaryFolder()
        let venvBin = cache.appendingPathComponent("onnx-venv/bin")
        try FileManager.default.createDirectory(at: venvBin, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: venvBin.appendingPathComponent("python").path, contents: Data("#!/bin/sh\n".utf8),
                                           attributes: [.posixPermissions: 0o755])
        do { _ = try OnnxExporter(modelDirectory: modelDirectory, environment: ["UNINER_TOOLS_CACHE": cache.path]) } catch { return error }
        return nil
    }
}
