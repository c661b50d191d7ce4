/// One registered plugin: its family, its recipe `kind`, what it does, its options, and how to build it.
public struct PluginDescriptor: Sendable {
    public var family: PluginFamily
    public var kind: String
    public var summary: String
    public var options: [OptionSpec]
    /// The type it builds, module-qualified (`UniNERSampling.FrequencyNegativeSampler`): named by the registry's
    /// errors so that a clash points at both files.
    public var type: String
    let create: @Sendable (PluginSection, PluginRegistry) throws -> any Sendable

    /// Registers a plugin built from its typed options.
    public static func plugin<O: PluginOptions, P: Sendable>(
        _ family: PluginFamily, kind: String, summary: String, options: O.Type,
        make: @escaping @Sendable (O) throws -> P
    ) -> PluginDescriptor {
        PluginDescriptor(family: family, kind: kind, summary: summary, options: O.optionSpecs,
                         type: String(reflecting: P.self)) { section, _ in
            try make(section.decode(O.self, family: family))
        }
    }

    /// Registers a plugin that wraps another one named in its own section (the `reviewed` annotator's
    /// `teacher:`): `make` gets the decoded options, the section (for the nested node and its location) and
    /// the registry to build the wrapped plugin with.
    public static func composite<O: PluginOptions, P: Sendable>(
        _ family: PluginFamily, kind: String, summary: String, options: O.Type,
        make: @escaping @Sendable (O, PluginSection, PluginRegistry) throws -> P
    ) -> PluginDescriptor {
        PluginDescriptor(family: family, kind: kind, summary: summary, options: O.optionSpecs,
                         type: String(reflecting: P.self)) { section, registry in
            try make(section.decode(O.self, family: family), section, registry)
        }
    }
}
