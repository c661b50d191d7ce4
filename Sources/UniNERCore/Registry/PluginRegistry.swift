/// The table from (family, kind) to plugin creators. Built once by the catalog; nothing is found by reflection.
public struct PluginRegistry: Sendable {
    public let descriptors: [PluginDescriptor]

    /// - Throws: `DuplicatePluginKind` when two descriptors share a family and a kind: the second would never be
    ///   found, and which one a recipe gets would depend on the order of the lists.
    public init(_ descriptors: [PluginDescriptor]) throws {
        var seen: [PluginFamily: [String: PluginDescriptor]] = [:]
        for descriptor in descriptors {
            if let first = seen[descriptor.family, default: [:]][descriptor.kind] {
                throw DuplicatePluginKind(family: descriptor.family, kind: descriptor.kind,
                                          firstType: first.type, secondType: descriptor.type)
            }
            seen[descriptor.family, default: [:]][descriptor.kind] = descriptor
        }
        self.descriptors = descriptors
    }

    /// The plugins of one family, sorted by kind.
    public func descriptors(of family: PluginFamily) -> [PluginDescriptor] {
        descriptors.filter { $0.family == family }.sorted { $0.kind < $1.kind }
    }

    public func kinds(of family: PluginFamily) -> [String] { descriptors(of: family).map(\.kind) }

    public func descriptor(_ family: PluginFamily, kind: String) -> PluginDescriptor? {
        descriptors.first { $0.family == family && $0.kind == kind }
    }

    /// Builds the plugin a recipe section names, as the protocol `T` of its family.
    /// - Throws: `RecipeError` for an unknown kind (listing valid kinds, nearest first) or bad options.
    public func make<T>(_ family: PluginFamily, _ section: PluginSection, as type: T.Type = T.self) throws -> T {
        guard let descriptor = descriptor(family, kind: section.kind) else {
            throw RecipeError(.unknownKind, at: section.kindLocation, keyPath: section.path,
                              "unknown \(family.title) kind '\(section.kind)' in '\(section.path)'",
                              help: NearestNames.help(for: section.kind, among: kinds(of: family), noun: "kinds"))
        }
        let plugin = try descriptor.create(section, self)
        guard let typed = plugin as? T else {
            throw UniNERError("plugin '\(section.kind)' of family \(family.rawValue) does not implement \(T.self)",
                              help: "fix its registration in the catalog")
        }
        return typed
    }

    /// Builds a plugin by kind with default options (for CLI flags such as `--metric strict`).
    public func make<T>(_ family: PluginFamily, kind: String, as type: T.Type = T.self) throws -> T {
        try make(family, PluginSection(kind: kind, path: family.rawValue, file: "<command line>"), as: type)
    }
}
