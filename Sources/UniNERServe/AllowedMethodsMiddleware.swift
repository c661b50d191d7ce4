import Foundation
import Hummingbird

/// Answers 405 with `Allow` (RFC 9110) for a known path asked with another method; the router alone would
/// say 404, as if the path did not exist.
struct AllowedMethodsMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The one method of each path.
    let methods: [String: HTTPRequest.Method]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let allowed = methods[request.uri.path], request.method != allowed else {
            return try await next(request, context)
        }
        let error = ServeError(.methodNotAllowed, "\(request.uri.path) takes \(allowed.rawValue), not \(request.method.rawValue)")
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[.allow] = allowed.rawValue
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: error.body)))
    }
}
