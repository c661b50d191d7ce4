import Foundation
import Yams

/// Operations on the YAML tree of a recipe that keep track of where each value was written.
public enum RecipeNodes {
    public static func location(of node: Node?, file: String) -> SourceLocation? {
        guard let mark = node?.mark else { return nil }
        if let argument = OverrideOrigins.shared.argument(file: file, line: mark.line) {
            return SourceLocation(argument: argument)
        }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    /// The value at a path of keys and indices below `node`, if it exists.
    public static func child(of node: Node, at path: [CodingKey]) -> Node? {
        var current = node
        for key in path {
            switch current {
            case .mapping(let mapping):
                guard let next = mapping[key.stringValue] else { return nil }
                current = next
            case .sequence(let sequence):
                guard let index = key.intValue, index < sequence.count else { return nil }
                current = sequence[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The key node (not the value) at the end of a path, for pointing at a misspelt or missing key.
    static func keyNode(of node: Node, at path: [CodingKey]) -> Node? {
        guard let last = path.last, let parent = child(of: node, at: Array(path.dropLast())),
              case .mapping(let mapping) = parent else { return nil }
        return mapping.first { $0.key.string == last.stringValue }?.key
    }

    /// Decodes `T` from a node, turning decoding failures into located `RecipeError`s.
    public static func decode<T: Decodable>(_ type: T.Type, from node: Node, path: String, file: String,
                                            specs: [OptionSpec] = []) throws -> T {
        func dotted(_ codingPath: [CodingKey]) -> String {
            ([path] + codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue })
                .filter { !$0.isEmpty }.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        func expectedType(_ codingPath: [CodingKey], fallback: String) -> String {
            guard codingPath.count == 1, let spec = specs.first(where: { $0.name == codingPath[0].stringValue })
            else { return fallback }
            return spec.type
        }
        try OptionValueChecks.check(node, specs: specs, path: path, file: file)
        do {
            return try YAMLDecoder().decode(T.self, from: node)
        } catch let error as InvalidOption {
            let valueNode = child(of: node, at: [AnyKey(error.key)])
            throw RecipeError(.invalidValue, at: location(of: valueNode ?? node, file: file),
                              keyPath: dotted([AnyKey(error.key)]), "'\(dotted([AnyKey(error.key)]))': \(error.message)",
                              help: error.help)
        } catch let error as DecodingError {
            switch error {
            case .keyNotFound(let key, let context):
                let full = context.codingPath + [key]
                let spec = specs.first { $0.name == key.stringValue }
                throw RecipeError(.missingKey, at: location(of: child(of: node, at: context.codingPath) ?? node, file: file),
                                  keyPath: dotted(full), "missing required key '\(dotted(full))'",
                                  help: spec.map { "add '\($0.name): <\($0.type)>' (\($0.summary))" })
            case .typeMismatch(let expected, let context), .valueNotFound(let expected, let context):
                let valueNode = child(of: node, at: context.codingPath)
                let found = valueNode.map(describe) ?? "nothing"
                let want = expectedType(context.codingPath, fallback: typeName(expected))
                throw RecipeError(.wrongType, at: location(of: valueNode ?? node, file: file),
                                  keyPath: dotted(context.codingPath),
                                  "'\(dotted(context.codingPath))' must be \(want), found \(found)")
            case .dataCorrupted(let context):
                let valueNode = child(of: node, at: context.codingPath)
                let want = expectedType(context.codingPath, fallback: "a valid value")
                let found = valueNode.map(describe) ?? "nothing"
                throw RecipeError(.wrongType, at: location(of: valueNode ?? node, file: file),
                                  keyPath: dotted(context.codingPath),
                                  "'\(dotted(context.codingPath))' must be \(want), found \(found)",
                                  help: context.debugDescription.isEmpty ? nil : context.debugDescription)
            @unknown default:
                throw RecipeError(.invalidValue, at: location(of: node, file: file), keyPath: path, "\(error)")
            }
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is UInt64.Type, is UInt.Type, is Int32.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is Bool.Type: "true or false"
        case is String.Type: "a string"
        default:
            String(describing: type).hasPrefix("Array") ? "a list" :
                String(describing: type).hasPrefix("Dictionary") ? "a mapping" : "\(type)"
        }
    }

    /// A short description of what a node holds, for "found ..." in messages.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): scalar.string.isEmpty ? "an empty value" : "'\(scalar.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// Replaces `${VAR}` and `${VAR:-default}` in every scalar; an unset variable without default is an error.
    public static func interpolate(_ node: Node, environment: [String: String], file: String) throws -> Node {
        switch node {
        case .scalar(var scalar):
            guard scalar.string.contains("${") else { return node }
            scalar.string = try substitute(scalar.string, environment: environment, at: location(of: node, file: file))
            return .scalar(scalar)
        case .mapping(var mapping):
            for index in mapping.indices {
                let (key, value) = mapping[index]
                mapping[key] = try interpolate(value, environment: environment, file: file)
            }
            return .mapping(mapping)
        case .sequence(var sequence):
            for index in sequence.indices {
                sequence[index] = try interpolate(sequence[index], environment: environment, file: file)
            }
            return .sequence(sequence)
        case .alias:
            return node
        }
    }

    /// Most `${...}` written inside one another's defaults (`${A:-${B:-x}}` is two).
    static let maxInterpolationDepth = 8

    static func substitute(_ text: String, environment: [String: String], at location: SourceLocation?,
                           depth: Int = 1) throws -> String {
        guard depth <= maxInterpolationDepth else {
            throw RecipeError(.invalidValue, at: location,
                              "'${' written more than \(maxInterpolationDepth) deep in '\(text.prefix(200))'",
                              help: "nest at most \(maxInterpolationDepth) defaults, e.g. ${A:-${B:-x}}")
        }
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            result += rest[..<open.lowerBound]
            guard let close = matchingBrace(in: rest, from: open.upperBound) else {
                throw RecipeError(.invalidValue, at: location, "unterminated '${' in '\(text.prefix(200))'",
                                  help: "write ${NAME} or ${NAME:-default}")
            }
            let body = rest[open.upperBound..<close]
            let separator = body.range(of: ":-")
            let name = String(separator.map { body[..<$0.lowerBound] } ?? body)
            if let value = environment[name], !value.isEmpty {
                result += value
            } else if let separator {
                result += try substitute(String(body[separator.upperBound...]), environment: environment, at: location,
                                         depth: depth + 1)
            } else {
                throw RecipeError(.undefinedVariable, at: location, "environment variable '\(name)' is not set",
                                  help: "export \(name)=... before running, or write ${\(name):-default}")
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The `}` that closes a `${` whose body starts at `start`, skipping `${...}` nested in a default.
    static func matchingBrace(in text: Substring, from start: Substring.Index) -> Substring.Index? {
        var depth = 1
        var index = start
        while index < text.endIndex {
            if text[index] == "$", text.index(after: index) < text.endIndex, text[text.index(after: index)] == "{" {
                depth += 1
                index = text.index(index, offsetBy: 2)
                continue
            }
            if text[index] == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// Sets the value at a dotted path (`student.epochs`), creating mappings on the way.
    public static func set(_ value: Node, at path: [String], in node: Node) throws -> Node {
        guard let first = path.first else { return value }
        switch node {
        case .mapping(var mapping):
            let existing = mapping[first] ?? Node([(Node, Node)]())
            mapping[first] = try set(value, at: Array(path.dropFirst()), in: existing)
            return .mapping(mapping)
        case .sequence(var sequence):
            guard let index = Int(first), sequence.indices.contains(index) else {
                throw RecipeError(.badOverride, at: nil, keyPath: path.joined(separator: "."),
                                  "'\(first)' is not an index of the list here")
            }
            sequence[index] = try set(value, at: Array(path.dropFirst()), in: sequence[index])
            return .sequence(sequence)
        case .scalar(let scalar) where scalar.string.isEmpty || path.count >= 1:
            // A bare kind (`negatives: frequency`) becomes a mapping so that its options can be set.
            var mapping = Node.Mapping([])
            if !scalar.string.isEmpty { mapping["kind"] = node }
            mapping[first] = try set(value, at: Array(path.dropFirst()), in: Node([(Node, Node)]()))
            return .mapping(mapping)
        default:
            throw RecipeError(.badOverride, at: nil, keyPath: path.joined(separator: "."), "cannot set a value below an alias")
        }
    }
}

/// A coding key made from a string, for looking nodes up by name.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { Int(stringValue) }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { stringValue = String(intValue) }
}
