/// What one server accepts and how it batches; every cap is named in the error that enforces it.
public struct ServeLimits: Sendable {
    /// Texts merged into one predictor call.
    public var maxBatch = 32
    /// How long the first queued request waits for others to join its batch.
    public var maxWaitMilliseconds = 5
    /// Requests waiting for the worker; one more is answered 503.
    public var maxQueue = 256
    public var maxBodyBytes = 1 << 20
    public var maxTexts = 256
    public var maxLabels = 64
    /// Unicode scalars per text.
    public var maxTextLength = 10_000
    /// Unicode scalars per label.
    public var maxLabelLength = 100

    public init() {}
}
