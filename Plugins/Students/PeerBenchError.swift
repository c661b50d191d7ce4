import Foundation

/// Why `uniner bench --peer` could not measure GLiNER, each with what to do.
public enum PeerBenchError: LocalizedError, Sendable, Equatable {
    /// `scripts/bench-gliner.sh` was not found (the paths tried).
    case scriptMissing(tried: [String])
    /// The GLiNER venv is not installed (its path).
    case venvMissing(String)
    /// The script exited with a failure status (the status and the last lines it wrote on stderr).
    case failed(status: Int32, tail: String)
    /// The script's JSON could not be read (why).
    case badOutput(String)

    public var errorDescription: String? {
        switch self {
        case .scriptMissing(let tried):
            return "error: cannot find the peer script scripts/bench-gliner.sh (tried \(tried.joined(separator: ", ")))\n"
                + "  help: run from the repository root, or set UNINER_PEER_SCRIPT to the path of scripts/bench-gliner.sh"
        case .venvMissing(let path):
            return "error: the peer venv is missing (\(path))\n"
                + "  help: run scripts/bench-gliner.sh --install (gliner 0.2.29 with PyTorch from PyPI, about 5 GB), then rerun"
        case .failed(let status, let tail):
            return "error: the peer script failed (status \(status)):\n\(tail)\n"
                + "  help: run scripts/bench-gliner.sh alone to see its whole log; rerun it with --install if a package is missing"
        case .badOutput(let why):
            return "error: the peer script's JSON is not what uniner reads: \(why)\n"
                + "  help: the script and this binary come from different checkouts; rebuild uniner or update the script"
        }
    }
}
