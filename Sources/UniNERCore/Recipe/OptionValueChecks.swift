import Foundation
import Yams

/// Checks what every option spec declares, for every plugin and section, before the options are decoded: numbers
/// are finite and within the declared range, input paths exist. One mechanism, so no plugin can forget it (a
/// `lr: nan` used to train to the end and fail only when the weights were written).
enum OptionValueChecks {
    /// - Throws: `RecipeError` located at the offending value.
    static func check(_ node: Node, specs: [OptionSpec], path: String, file: String) throws {
        guard case .mapping(let mapping) = node else { return }
        for (key, value) in mapping {
            guard let name = key.string, let spec = specs.first(where: { $0.name == name }),
                  case .scalar(let scalar) = value, !isNull(scalar) else { continue }
            let full = path.isEmpty ? name : "\(path).\(name)"
            let location = RecipeNodes.location(of: value, file: file)
            if spec.isNumeric, let number = number(scalar.string) {
                guard number.isFinite else {
                    throw RecipeError(.invalidValue, at: location, keyPath: full,
                                      "'\(full)' must be a finite number, found '\(scalar.string)'",
                                      help: "write a number" + (spec.range.map { " \($0)" } ?? "")
                                          + (spec.defaultValue.map { " (default: \($0))" } ?? ""))
                }
                if let range = spec.range, !range.contains(number) {
                    throw RecipeError(.invalidValue, at: location, keyPath: full,
                                      "'\(full)' must be \(range), found \(scalar.string)",
                                      help: spec.summary)
                }
            }
            if spec.isInputPath, !scalar.string.isEmpty, !FileManager.default.fileExists(atPath: scalar.string) {
                throw RecipeError(.invalidValue, at: location, keyPath: full,
                                  "'\(full)': no such file or folder '\(scalar.string)'",
                                  help: "relative paths are read from the folder uniner runs in ("
                                      + FileManager.default.currentDirectoryPath + ")")
            }
        }
    }

    static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A scalar read as YAML reads a float (`.nan`, `.inf`, `-.inf` included), or nil when it is no number.
    static func number(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch trimmed.lowercased() {
        case ".nan": return .nan
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        default: return Double(trimmed)
        }
    }
}
