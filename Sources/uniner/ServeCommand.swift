import ArgumentParser
import Foundation
import UniNERCore
import UniNERServe

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a trained span-encoder model over HTTP (POST /v1/extract) with dynamic batching.",
        discussion: """
        POST /v1/extract {"texts": [...], "labels": [...], "threshold"?: 0.5, "flat"?: true} answers
        {"results": [[{"text", "label", "start", "end", "score"}, ...], ...]}, one list per text, offsets in Unicode
        scalars as 'uniner predict' gives them. Also GET /health, GET /metrics (Prometheus) and GET /openapi.yaml
        (docs/openapi.yaml). SIGTERM or SIGINT: stops accepting, finishes the requests in flight, exits 0.
        """
    )

    @Option(help: "Model folder written by the span-encoder student (or its stage folder).")
    var model: String

    @Option(help: "Address to bind (loopback by default).")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: a free one, printed at start).")
    var port = 8080

    @Option(help: "Entity types used when a request gives no \"labels\", comma-separated.")
    var labels: String = ""

    @Option(help: "Texts merged into one predictor call.")
    var maxBatch = ServeLimits().maxBatch

    @Option(help: "Milliseconds the first waiting request waits for others to join its batch.")
    var maxWaitMs = ServeLimits().maxWaitMilliseconds

    @Option(help: "Requests that may wait for the batcher; more are answered 503 with Retry-After.")
    var maxQueue = ServeLimits().maxQueue

    @Option(help: "Largest request body in bytes (413 above).")
    var maxBodyBytes = ServeLimits().maxBodyBytes

    @Option(help: "Most texts in one request (413 above).")
    var maxTexts = ServeLimits().maxTexts

    @Option(help: "Most labels in one request (413 above).")
    var maxLabels = ServeLimits().maxLabels

    @Option(help: "Longest text in Unicode scalars (413 above).")
    var maxTextLength = ServeLimits().maxTextLength

    @Option(help: "Longest label in Unicode scalars (413 above).")
    var maxLabelLength = ServeLimits().maxLabelLength

    @Option(help: "Threads for the model (default: all cores).")
    var threads: Int?

    func validate() throws {
        if !(0...65_535).contains(port) { throw ValidationError("--port must be in 0...65535") }
        for (name, value) in [("--max-batch", maxBatch), ("--max-queue", maxQueue), ("--max-body-bytes", maxBodyBytes),
                              ("--max-texts", maxTexts), ("--max-labels", maxLabels), ("--max-text-length", maxTextLength),
                              ("--max-label-length", maxLabelLength)] where value < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
        if maxWaitMs < 0 { throw ValidationError("--max-wait-ms must be at least 0") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    }

    func run() async throws {
        try await reportingErrors {
            var limits = ServeLimits()
            limits.maxBatch = maxBatch; limits.maxWaitMilliseconds = maxWaitMs; limits.maxQueue = maxQueue
            limits.maxBodyBytes = maxBodyBytes; limits.maxTexts = maxTexts; limits.maxLabels = maxLabels
            limits.maxTextLength = maxTextLength; limits.maxLabelLength = maxLabelLength
            let served = try ServedModel(modelDirectory: URL(fileURLWithPath: model),
                                         threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
            let defaults = labels.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let app = ServeApplication(model: served, limits: limits, defaultLabels: defaults)
            let host = self.host
            try await app.run(host: host, port: port) { bound in
                // Scripts and tests wait for this line to learn the port.
                FileHandle.standardOutput.write(Data("uniner serve: listening on http://\(host):\(bound)\n".utf8))
            }
            FileHandle.standardError.write(Data("uniner serve: stopped\n".utf8))
        }
    }
}
