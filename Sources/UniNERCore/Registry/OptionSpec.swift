/// The documentation of one option of a plugin: its recipe key, type, default and meaning.
///
/// Every `PluginOptions` type lists its options so that `uniner plugins` can print them and so that
/// unknown keys in a recipe are reported with the valid ones.
public struct OptionSpec: Codable, Sendable, Hashable {
    public var name: String
    public var type: String
    /// The default as it would be written in YAML; `nil` when the option is required.
    public var defaultValue: String?
    public var summary: String
    /// The values a numeric option accepts; `nil`: any finite number. Checked by the recipe loader.
    public var range: OptionRange?

    public init(_ name: String, _ type: String, default defaultValue: String? = nil, _ summary: String,
                range: OptionRange? = nil) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.summary = summary
        self.range = range
    }

    public var isRequired: Bool { defaultValue == nil }

    /// Whether the option holds a number (`int`, `integer`, `number`, `number in ...`): such values must be
    /// finite, and within `range` when one is declared.
    public var isNumeric: Bool {
        range != nil || ["int", "integer"].contains(type) || type.hasPrefix("number")
    }

    /// Whether the option names a file or folder that must exist when the recipe is checked.
    public var isInputPath: Bool { type == "path" }
}

/// The typed options of a plugin, decoded from its recipe section (every key but `kind`).
public protocol PluginOptions: Decodable, Sendable {
    /// Every key the options accept; keys not listed here are rejected before decoding.
    static var optionSpecs: [OptionSpec] { get }
}

/// Options for plugins that take none.
public struct NoOptions: PluginOptions {
    public static let optionSpecs: [OptionSpec] = []
    public init() {}
    public init(from decoder: any Decoder) throws {}
}

extension KeyedDecodingContainer {
    /// Decodes an optional key, falling back to `defaultValue` when it is absent or null.
    public func decode<T: Decodable>(_ key: Key, default defaultValue: T) throws -> T {
        try decodeIfPresent(T.self, forKey: key) ?? defaultValue
    }
}
