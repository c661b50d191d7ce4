import Foundation
import HTTPTypes

/// An answer other than 200, with the JSON body `{"error": {"message", "field"}}`.
public struct ServeError: Error, Sendable {
    public var status: HTTPResponse.Status
    public var message: String
    /// The request field at fault (`texts[2]`, `labels`, `body`), if any.
    public var field: String?
    /// Seconds for `Retry-After` (503 only).
    public var retryAfter: Int?

    public init(_ status: HTTPResponse.Status, _ message: String, field: String? = nil, retryAfter: Int? = nil) {
        self.status = status; self.message = message; self.field = field; self.retryAfter = retryAfter
    }

    static func badRequest(_ message: String, field: String?) -> ServeError { ServeError(.badRequest, message, field: field) }

    static func tooLarge(_ message: String, field: String) -> ServeError { ServeError(.contentTooLarge, message, field: field) }

    /// The JSON body; `field` is `null` when there is none, so that clients can rely on the key.
    var body: Data {
        let detail: [String: Any] = ["message": message, "field": field.map { $0 as Any } ?? NSNull()]
        return (try? JSONSerialization.data(withJSONObject: ["error": detail], options: [.sortedKeys])) ?? Data()
    }
}
