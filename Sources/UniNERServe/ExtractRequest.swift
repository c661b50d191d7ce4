import Foundation

/// A checked `POST /v1/extract` body: `{"texts": [...], "labels": [...], "threshold"?: 0.5, "flat"?: true}`.
public struct ExtractRequest: Sendable, Equatable {
    public var texts: [String]
    public var labels: [String]
    /// `nil`: the model's saved threshold.
    public var threshold: Float?
    /// `nil`: the model's saved decoding.
    public var flat: Bool?

    /// Parses and checks a body against `limits`; `defaultLabels` stand in for a missing `labels`.
    /// - Throws: `ServeError` 400 naming the field at fault, or 413 naming the limit passed.
    public static func parse(_ body: Data, limits: ServeLimits, defaultLabels: [String]) throws -> ExtractRequest {
        let value: JSONValue
        do { value = try JSONDecoder().decode(JSONValue.self, from: body) } catch {
            throw ServeError.badRequest("the body is not valid JSON", field: "body")
        }
        guard case .object(let object) = value else {
            throw ServeError.badRequest("the body must be a JSON object, not \(value.kind)", field: "body")
        }
        let texts = try strings(object["texts"], field: "texts", cap: limits.maxTexts, lengthCap: limits.maxTextLength,
                                capOption: "--max-texts", lengthOption: "--max-text-length")
        var labels = defaultLabels
        if object["labels"] != nil || defaultLabels.isEmpty {
            labels = try strings(object["labels"], field: "labels", cap: limits.maxLabels, lengthCap: limits.maxLabelLength,
                                 capOption: "--max-labels", lengthOption: "--max-label-length")
        }
        guard !labels.isEmpty else { throw ServeError.badRequest("'labels' is empty: give at least one entity type", field: "labels") }
        for (i, label) in labels.enumerated() where label.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ServeError.badRequest("'labels[\(i)]' is blank: give an entity type such as \"person\"", field: "labels[\(i)]")
        }
        var threshold: Float?
        switch object["threshold"] {
        case nil, .null?: break
        case .number(let number)?:
            guard number >= Double(ServedModel.thresholdFloor), number <= 1 else {
                throw ServeError.badRequest("'threshold' is \(number); it must be in [\(ServedModel.thresholdFloor), 1]", field: "threshold")
            }
            threshold = Float(number)
        case let other?: throw ServeError.badRequest("'threshold' must be a number, not \(other.kind)", field: "threshold")
        }
        var flat: Bool?
        switch object["flat"] {
        case nil, .null?: break
        case .bool(let value)?: flat = value
        case let other?: throw ServeError.badRequest("'flat' must be true or false, not \(other.kind)", field: "flat")
        }
        return ExtractRequest(texts: texts, labels: labels, threshold: threshold, flat: flat)
    }

    private static func strings(_ value: JSONValue?, field: String, cap: Int, lengthCap: Int,
                                capOption: String, lengthOption: String) throws -> [String] {
        guard let value, value != .null else { throw ServeError.badRequest("'\(field)' is missing: give a list of strings", field: field) }
        guard case .array(let items) = value else {
            throw ServeError.badRequest("'\(field)' must be a list of strings, not \(value.kind)", field: field)
        }
        guard items.count <= cap else {
            throw ServeError.tooLarge("'\(field)' has \(items.count) items; the limit is \(cap) (\(capOption))", field: field)
        }
        return try items.enumerated().map { i, item in
            guard case .string(let text) = item else {
                throw ServeError.badRequest("'\(field)[\(i)]' must be a string, not \(item.kind)", field: "\(field)[\(i)]")
            }
            let length = text.unicodeScalars.count
            guard length <= lengthCap else {
                throw ServeError.tooLarge("'\(field)[\(i)]' has \(length) characters; the limit is \(lengthCap) (\(lengthOption))",
                                          field: "\(field)[\(i)]")
            }
            return text
        }
    }
}
