import Hummingbird

/// Counts every answer by path and status, including the router's own 404s; paths outside the API are
/// counted as `other` so that a scanner cannot grow the metric without bound.
struct StatusMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServeMetrics
    let paths: Set<String>

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = paths.contains(request.uri.path) ? request.uri.path : "other"
        do {
            let response = try await next(request, context)
            metrics.count(path: path, status: response.status.code)
            return response
        } catch {
            metrics.count(path: path, status: (error as? any HTTPResponseError)?.status.code ?? 500)
            throw error
        }
    }
}
