import Foundation

/// Errors of the numerics module; each names the file, tensor or field concerned.
public enum NumericsError: LocalizedError, Equatable {
    /// A safetensors file is malformed.
    case malformedSafeTensors(file: String, reason: String)
    /// A tensor is absent from a safetensors file.
    case missingTensor(file: String, name: String)
    /// A tensor has another shape than the model expects.
    case shapeMismatch(name: String, expected: [Int], found: [Int])
    /// A tensor has a dtype this module cannot convert to Float32.
    case unsupportedDType(name: String, dtype: String, supported: [String])
    /// A configuration value is invalid or unsupported.
    case invalidConfig(String)
    /// Inputs to a forward pass are inconsistent (sizes, ids out of range).
    case invalidInput(String)
    /// A checkpoint folder is incomplete or inconsistent.
    case invalidCheckpoint(path: String, reason: String)
    /// An I/O operation failed.
    case io(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case let .malformedSafeTensors(file, reason): return "\(file): malformed safetensors file: \(reason)"
        case let .missingTensor(file, name): return "\(file): no tensor named '\(name)'"
        case let .shapeMismatch(name, expected, found): return "tensor '\(name)': expected shape \(expected), found \(found)"
        case let .unsupportedDType(name, dtype, supported):
            return "tensor '\(name)': dtype \(dtype) is not supported (supported: \(supported.joined(separator: ", ")))"
        case let .invalidConfig(reason): return "invalid model configuration: \(reason)"
        case let .invalidInput(reason): return "invalid input: \(reason)"
        case let .invalidCheckpoint(path, reason): return "\(path): invalid checkpoint: \(reason)"
        case let .io(path, reason): return "\(path): \(reason)"
        }
    }
}
