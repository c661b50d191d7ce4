import ArgumentParser
import Foundation
import UniNERCatalog
import UniNERCore

struct PluginsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List every plugin family, kind, option, type and default."
    )

    @Flag(help: "Print JSON instead of text.")
    var json = false

    struct Listing: Encodable {
        var family: String
        var title: String
        var kind: String
        var summary: String
        var options: [OptionSpec]
    }

    func run() async throws {
        try await reportingErrors {
            let listings = PluginFamily.allCases.flatMap { family in
                Catalog.registry.descriptors(of: family).map {
                    Listing(family: family.rawValue, title: family.title, kind: $0.kind, summary: $0.summary, options: $0.options)
                }
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(listings), as: UTF8.self))
                return
            }
            for family in PluginFamily.allCases {
                let members = listings.filter { $0.family == family.rawValue }
                guard !members.isEmpty else { continue }
                print("\(family.title) (\(family.rawValue)):")
                for plugin in members {
                    print("  \(plugin.kind): \(plugin.summary)")
                    for option in plugin.options {
                        let value = option.defaultValue.map { "default \($0)" } ?? "required"
                        let type = option.type + (option.range.map { " \($0)" } ?? "")
                        print("      \(option.name) (\(type), \(value)): \(option.summary)")
                    }
                }
            }
        }
    }
}
