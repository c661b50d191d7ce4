/// Thrown by an options initialiser for a value of the right type but out of range or otherwise invalid;
/// the recipe loader turns it into a `RecipeError` located at the key.
public struct InvalidOption: Error, Sendable {
    public var key: String
    public var message: String
    public var help: String?

    public init(_ key: String, _ message: String, help: String? = nil) {
        self.key = key
        self.message = message
        self.help = help
    }
}
