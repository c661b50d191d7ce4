import ArgumentParser
import Foundation

/// Runs a command body, printing any error as its one-paragraph description on stderr and exiting with
/// status 2, so a user sees `file:line:col: error: ...` and a help line, never a stack trace.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch {
        let text = (error as? LocalizedError)?.errorDescription ?? "error: \(error)"
        FileHandle.standardError.write(Data((text + "\n").utf8))
        throw ExitCode(2)
    }
}

/// Writes a line to stderr (progress and diagnostics; stdout is kept for results).
func logLine(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
