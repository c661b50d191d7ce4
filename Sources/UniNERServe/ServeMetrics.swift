import Prometheus

/// The server's Prometheus metrics, exposed at `GET /metrics` in the text format.
final class ServeMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let queueDepth: Gauge
    /// Texts per predictor call.
    let batchSize: ValueHistogram
    let latency: DurationHistogram

    init() {
        queueDepth = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "uniner", subsystem: "serve", metricName: "queue", unitName: "depth",
            helpText: "Extract requests waiting for the batching worker"))
        batchSize = registry.makeValueHistogram(descriptor: MetricNameDescriptor(
            namespace: "uniner", subsystem: "serve", metricName: "batch", unitName: "texts",
            helpText: "Texts merged into one predictor call"), buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256])
        latency = registry.makeDurationHistogram(descriptor: MetricNameDescriptor(
            namespace: "uniner", subsystem: "serve", metricName: "request_duration", unitName: "seconds",
            helpText: "Time from a request's arrival to its answer"),
            buckets: [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                      .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)])
    }

    /// Counts one answer; the registry hands back the same counter for the same labels.
    func count(path: String, status: Int) {
        registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "uniner", subsystem: "serve", metricName: "requests", unitName: "total",
            helpText: "Answers by path and HTTP status"), labels: [("path", path), ("status", String(status))]).increment()
    }
}
