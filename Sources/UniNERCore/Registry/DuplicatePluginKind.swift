import Foundation

/// Two plugins registered under one kind in one family: a recipe's `kind:` must name exactly one type.
public struct DuplicatePluginKind: LocalizedError, Sendable, Equatable {
    public var family: PluginFamily
    public var kind: String
    /// The module-qualified types of the descriptor registered first and of the one that clashes with it.
    public var firstType: String, secondType: String

    public init(family: PluginFamily, kind: String, firstType: String, secondType: String) {
        self.family = family
        self.kind = kind
        self.firstType = firstType
        self.secondType = secondType
    }

    public var errorDescription: String? {
        "error: \(family.title) kind '\(kind)' is registered twice, by \(firstType) and by \(secondType)\n"
            + "  help: rename one of the two kinds in its family's descriptor list (under Plugins/), or drop one"
    }
}
