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

    public init(_ name: String, _ type: String, default defaultValue: String? = nil, _ summary: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.summary = summary
    }

    public var isRequired: Bool { defaultValue == nil }
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
