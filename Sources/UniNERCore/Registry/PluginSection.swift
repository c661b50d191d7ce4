import Foundation
import Yams

/// One recipe section that names a plugin: its `kind`, its remaining keys, and where it was written.
public struct PluginSection: @unchecked Sendable {
    // @unchecked: Yams.Node is a value type without a Sendable conformance; a section is never mutated
    // after the recipe is loaded.
    public var kind: String
    /// The section as a mapping without `kind`.
    public var options: Node
    /// The dotted path of the section in the recipe (`queries.negatives`).
    public var path: String
    public var file: String
    /// Where `kind` was written (or the section itself, for the shorthand `negatives: frequency`).
    public var kindLocation: SourceLocation?

    public init(kind: String, options: Node = Node([(Node, Node)]()), path: String, file: String,
                kindLocation: SourceLocation? = nil) {
        self.kind = kind
        self.options = options
        self.path = path
        self.file = file
        self.kindLocation = kindLocation
    }

    /// Reads a section node: a mapping with `kind:`, or a bare scalar that is the kind itself.
    public init(node: Node, path: String, file: String) throws {
        self.path = path
        self.file = file
        switch node {
        case .scalar(let scalar):
            kind = scalar.string
            options = Node([(Node, Node)]())
            kindLocation = RecipeNodes.location(of: node, file: file)
        case .mapping(let mapping):
            guard let kindNode = mapping["kind"] else {
                throw RecipeError(.missingKey, at: RecipeNodes.location(of: node, file: file), keyPath: path + ".kind",
                                  "section '\(path)' does not say which plugin to use",
                                  help: "add 'kind: NAME' (run 'uniner plugins' for the kinds)")
            }
            guard case .scalar(let kindScalar) = kindNode else {
                throw RecipeError(.wrongType, at: RecipeNodes.location(of: kindNode, file: file), keyPath: path + ".kind",
                                  "'\(path).kind' must be a name", help: "write e.g. 'kind: frequency'")
            }
            kind = kindScalar.string
            kindLocation = RecipeNodes.location(of: kindNode, file: file)
            let rest = mapping.filter { $0.key.string != "kind" }
            options = .mapping(Node.Mapping(rest.map { ($0.key, $0.value) }, mapping.tag, mapping.style, mapping.mark))
        default:
            throw RecipeError(.wrongType, at: RecipeNodes.location(of: node, file: file), keyPath: path,
                              "'\(path)' must be a plugin name or a mapping with 'kind:'",
                              help: "write e.g. '\(path): {kind: NAME, option: value}'")
        }
    }

    /// The plugin section nested under `key` of this one (`annotator.teacher`), located in the same file.
    /// - Throws: `RecipeError` when the key is missing or is not a plugin section.
    public func nested(_ key: String) throws -> PluginSection {
        guard let node = options[key] else {
            throw RecipeError(.missingKey, at: kindLocation, keyPath: "\(path).\(key)", "'\(path)' needs '\(key)'",
                              help: "add '\(key): {kind: NAME, ...}'")
        }
        return try PluginSection(node: node, path: "\(path).\(key)", file: file)
    }

    /// Decodes the options into `O`, rejecting keys `O` does not list and locating every error.
    public func decode<O: PluginOptions>(_ type: O.Type, family: PluginFamily) throws -> O {
        let valid = O.optionSpecs.map(\.name)
        if case .mapping(let mapping) = options {
            for (key, _) in mapping where !valid.contains(key.string ?? "") {
                let name = key.string ?? ""
                let help = valid.isEmpty
                    ? "the \(family.title) '\(kind)' takes no options"
                    : NearestNames.help(for: name, among: valid, noun: "keys for \(family.title) '\(kind)'")
                throw RecipeError(.unknownKey, at: RecipeNodes.location(of: key, file: file),
                                  keyPath: "\(path).\(name)", "unknown key '\(name)' in '\(path)'", help: help)
            }
        } else if case .scalar(let scalar) = options, !scalar.string.isEmpty {
            throw RecipeError(.wrongType, at: RecipeNodes.location(of: options, file: file), keyPath: path,
                              "'\(path)' must be a mapping of options")
        }
        return try RecipeNodes.decode(O.self, from: options, path: path, file: file, specs: O.optionSpecs)
    }
}
