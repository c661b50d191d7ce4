import Foundation
import UniNERCore
import UniNERNumerics

/// Exports a span-encoder model folder as one ONNX graph (encoder + span head) with `tokenizer.json`,
/// `student.json`, `span_config.json`, the model card and a standalone `predict.py`.
///
/// The graph is built by `scripts/onnx/export_onnx.py` with the `onnx` package, in the venv that
/// `scripts/onnx-venv.sh` caches: reading our safetensors there keeps the protobuf writing in a well-kept library
/// instead of generated Swift code.
public struct OnnxExporter: Sendable {
    /// The model folder (the one holding `student.json`).
    public let modelFolder: URL
    /// The venv's Python.
    public let python: URL
    /// The folder holding `export_onnx.py` and `predict.py`.
    public let scripts: URL
    /// The folder given (a run's `model` link: where the model card is).
    public let givenFolder: URL

    /// The files copied next to `model.onnx` (when the model folder has them).
    static let copiedFiles = [SpanEncoderModelInfo.fileName, SpanModelConfig.fileName, "config.json"]

    /// Finds the model, the venv and the scripts.
    /// - Parameters:
    ///   - modelDirectory: a model folder or the stage folder holding it.
    ///   - environment: `UNINER_TOOLS_CACHE` (venv cache root) and `UNINER_ONNX_SCRIPTS` (scripts folder) override.
    /// - Throws: `UniNERError` naming what is missing and how to get it.
    public init(modelDirectory: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let folder = SpanEncoderModelInfo.modelFolder(in: modelDirectory)
        let cache = environment["UNINER_TOOLS_CACHE"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/uniner")
        python = cache.appendingPathComponent("onnx-venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw UniNERError("no ONNX venv at \(python.deletingLastPathComponent().deletingLastPathComponent().path)",
                              help: "run scripts/onnx-venv.sh once (it installs onnx, onnxruntime, tokenizers and numpy from PyPI)")
        }
        let candidates = [environment["UNINER_ONNX_SCRIPTS"].map { URL(fileURLWithPath: $0) },
                          Self.repositoryRoot.appendingPathComponent("scripts/onnx"),
                          URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("scripts/onnx")]
        guard let found = candidates.compactMap({ $0 }).first(where: {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("export_onnx.py").path)
        }) else {
            throw UniNERError("cannot find scripts/onnx/export_onnx.py",
                              help: "run from the repository root, or set UNINER_ONNX_SCRIPTS to the scripts/onnx folder")
        }
        scripts = found
        let info = try SpanEncoderModelInfo.load(folder: folder)
        // the graph takes a 0/1 padding mask and positions 0..<T: a block mask and shared positions are not in it
        // A model the graph cannot express: the error names it, what the export covers, and the setting that exports.
        func unsupported(_ what: String, covers: String, setting: String) -> UniNERError {
            UniNERError("\(folder.path) \(what): the ONNX export covers \(covers) only",
                        help: "serve it with 'uniner serve' or use it with 'uniner predict'; or train with \(setting) to export")
        }
        guard !info.isSharedPass else {
            throw unsupported("is a shared-pass per-type model", covers: "per-type and all-in-one models", setting: "shared_pass: false")
        }
        // the graph gathers one token's state per query: a mean over the label's pieces is not in it
        guard (info.queryPooling ?? .token) == .token else {
            throw unsupported("reads its query vectors as the mean of each label's word pieces", covers: "token queries",
                              setting: "query_pooling: token")
        }
        // nor is a hidden query layer: the graph projects the query state once
        let config = try SpanModelConfig.load(folder: folder)
        guard config.queryHiddenSize == 0 else {
            throw unsupported("has a hidden query layer (query_hidden: \(config.queryHiddenSize))", covers: "a single query projection",
                              setting: "query_hidden: 0")
        }
        // nor is an LSTM: the graph's span side reads the encoder's states directly
        guard !config.spanLSTM else {
            throw unsupported("reads its spans through a BiLSTM (span_lstm: true)", covers: "spans read from the encoder",
                              setting: "span_lstm: false")
        }
        modelFolder = folder
        givenFolder = modelDirectory
    }

    /// The checkout this binary was built from (the scripts are found there when run from elsewhere).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Writes the export into `out` (created if missing; files of an earlier export are replaced).
    /// - Returns: the paths written, `model.onnx` first.
    /// - Throws: `UniNERError` with the exporter's own message when it fails.
    @discardableResult
    public func export(to out: URL) throws -> [URL] {
        let fm = FileManager.default
        try fm.createDirectory(at: out, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = python
        process.arguments = [scripts.appendingPathComponent("export_onnx.py").path, modelFolder.path, out.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.standardError
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let tail = message.split(separator: "\n").suffix(8).joined(separator: "\n")
            throw UniNERError("the ONNX graph builder failed (status \(process.terminationStatus)):\n\(tail)",
                              help: "rerun scripts/onnx-venv.sh if a package is missing; the model folder is \(modelFolder.path)")
        }
        var written = [out.appendingPathComponent("model.onnx"), out.appendingPathComponent("tokenizer.json")]
        var copies = Self.copiedFiles.map { (modelFolder.appendingPathComponent($0), out.appendingPathComponent($0)) }
        copies.append((scripts.appendingPathComponent("predict.py"), out.appendingPathComponent("predict.py")))
        // The model card is in the stage folder a run links as `model`, around the weights' own folder.
        for card in [givenFolder.appendingPathComponent("README.md"), modelFolder.appendingPathComponent("README.md")]
            where fm.fileExists(atPath: card.path) {
            copies.append((card, out.appendingPathComponent("README.md")))
            break
        }
        for (source, target) in copies where fm.fileExists(atPath: source.path) {
            try AtomicFile.write(Data(contentsOf: source), to: target)
            written.append(target)
        }
        return written
    }
}
