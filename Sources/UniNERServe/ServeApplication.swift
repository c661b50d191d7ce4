import Foundation
import Hummingbird
import Logging
import NIOCore

/// `uniner serve`'s HTTP application: the routes, the batcher and the metrics around one served model.
public struct ServeApplication: Sendable {
    public let model: ServedModel
    public let limits: ServeLimits
    public let defaultLabels: [String]
    let batcher: Batcher
    let metrics: ServeMetrics
    let started = Date()

    public init(model: ServedModel, limits: ServeLimits, defaultLabels: [String]) {
        self.model = model; self.limits = limits; self.defaultLabels = defaultLabels
        metrics = ServeMetrics()
        batcher = Batcher(model: model, limits: limits, metrics: metrics)
    }

    /// Serves on `host:port` until SIGTERM or SIGINT, then stops accepting, lets the requests in flight finish
    /// and returns (Hummingbird's service group does the graceful shutdown).
    /// - Parameter onRunning: called with the bound port once the server listens (`port` 0 picks a free one).
    public func run(host: String, port: Int, onRunning: @escaping @Sendable (Int) -> Void) async throws {
        var logger = Logger(label: "uniner-serve")
        logger.logLevel = .warning
        let app = Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: "uniner"),
                              onServerRunning: { onRunning($0.localAddress?.port ?? port) }, logger: logger)
        try await app.runService()
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        let methods: [String: HTTPRequest.Method] = ["/v1/extract": .post, "/health": .get, "/metrics": .get, "/openapi.yaml": .get]
        router.add(middleware: StatusMetricsMiddleware(metrics: metrics, paths: Set(methods.keys)))
        router.add(middleware: AllowedMethodsMiddleware(methods: methods))
        router.post("v1/extract") { request, _ in await extract(request) }
        router.get("health") { _, _ in health() }
        router.get("metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
        }
        router.get("openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
        return router
    }

    func extract(_ request: Request) async -> Response {
        let clock = ContinuousClock(), start = clock.now
        defer { metrics.latency.record(clock.now - start) }
        do {
            let body: ByteBuffer
            do { body = try await request.body.collect(upTo: limits.maxBodyBytes) } catch is NIOTooManyBytesError {
                throw ServeError.tooLarge("the body is over \(limits.maxBodyBytes) bytes (--max-body-bytes)", field: "body")
            }
            let parsed = try ExtractRequest.parse(Data(buffer: body), limits: limits, defaultLabels: defaultLabels)
            let results = try await batcher.extract(parsed)
            return json(.ok, ExtractResponse(results: results))
        } catch let error as ServeError {
            var headers: HTTPFields = [.contentType: "application/json"]
            if let seconds = error.retryAfter { headers[.retryAfter] = String(seconds) }
            return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: error.body)))
        } catch {
            let failure = ServeError(.internalServerError, "unexpected failure: \(error.localizedDescription)")
            return Response(status: failure.status, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(data: failure.body)))
        }
    }

    func health() -> Response {
        json(.ok, Health(status: "ok", model: model.name, layout: model.info.layout.rawValue, threshold: model.info.threshold,
                         decoding: model.info.decoding.rawValue, labels: defaultLabels,
                         uptimeSeconds: (Date().timeIntervalSince(started) * 1000).rounded() / 1000))
    }

    func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    struct ExtractResponse: Encodable { var results: [[ServedEntity]] }

    struct Health: Encodable {
        var status: String
        var model: String
        var layout: String
        var threshold: Float
        var decoding: String
        var labels: [String]
        var uptimeSeconds: Double
        enum CodingKeys: String, CodingKey { case status, model, layout, threshold, decoding, labels, uptimeSeconds = "uptime_s" }
    }
}
