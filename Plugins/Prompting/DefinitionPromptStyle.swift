import Foundation
import UniNERCore

/// The `definition` prompt style: the teacher defines each entity's type in a short sentence, and a query names a
/// gold type by its definition from `LabelDefinitions`.
public struct DefinitionPromptStyle: PromptStyle {
    /// Options of the `definition` style.
    public struct Options: PluginOptions {
        /// A JSON object `{"label": "definition"}` extending and overriding the built-in table.
        public var definitionsFile: String?

        public static let optionSpecs: [OptionSpec] = [
            OptionSpec("definitions_file", "path", default: "null",
                       "JSON object {label: definition} that extends and overrides the built-in definitions"),
        ]

        enum CodingKeys: String, CodingKey { case definitionsFile = "definitions_file" }

        public init(definitionsFile: String? = nil) {
            self.definitionsFile = definitionsFile
        }
    }

    public let name = "definition"
    public let definitions: LabelDefinitions

    public init(definitions: LabelDefinitions = .builtIn) {
        self.definitions = definitions
    }

    /// - Throws: `DataError` when the definitions file cannot be read.
    public init(options: Options) throws {
        if let path = options.definitionsFile {
            self.init(definitions: try LabelDefinitions.builtIn(extendedWith: URL(fileURLWithPath: path)))
        } else {
            self.init()
        }
    }

    /// System `You are a helpful information extraction system.`; user: the definition instruction of the
    /// UniNER-7B-definition card, a blank line, `Passage: {passage}`.
    public func teacherMessages(for passage: Passage) -> [ChatMessage] {
        [ChatMessage(role: "system", content: TeacherPrompts.system),
         ChatMessage(role: "user", content: TeacherPrompts.userMessage(instruction: TeacherPrompts.definitionInstruction,
                                                                       passage: passage.text))]
    }

    /// The short definition of `type`.
    /// - Throws: `UniNERError` listing the nearest known labels and how to add a definition.
    public func label(forType type: String) throws -> String {
        try definitions.definition(for: type)
    }
}
