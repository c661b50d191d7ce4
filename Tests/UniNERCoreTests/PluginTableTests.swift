import Foundation
import UniNERCatalog
import UniNERCore
import XCTest

/// README.md's plugin table is the one hop from a recipe `kind` to its file: every registered kind is linked in
/// its family's row, to a file that declares the type the descriptor builds, and the family links to the list
/// that registers the kind.
final class PluginTableTests: XCTestCase {
    let root = RepositoryRoot.url

    /// The table's rows by family title: (the family list's path, the row's `[kind](path)` links).
    func rows() throws -> [String: (list: String, kinds: [String: String])] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let link = try NSRegularExpression(pattern: #"\[`?([^\]`]+)`?\]\(([^)]+)\)"#)
        var rows: [String: (list: String, kinds: [String: String])] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| [") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: true).map(String.init)
            guard cells.count >= 2 else { continue }
            func links(_ text: String) -> [(String, String)] {
                link.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
                    (String(text[Range(match.range(at: 1), in: text)!]), String(text[Range(match.range(at: 2), in: text)!]))
                }
            }
            guard let family = links(cells[0]).first else { continue }
            rows[family.0] = (family.1, Dictionary(links(cells[1]), uniquingKeysWith: { first, _ in first }))
        }
        return rows
    }

    func testEveryKindLinksToTheFileOfItsTypeAndItsFamilyToItsList() throws {
        let rows = try rows()
        for descriptor in Catalog.all {
            let title = descriptor.family.title
            guard let row = rows[title] else { XCTFail("README.md has no plugin table row for \(title)"); continue }
            guard let path = row.kinds[descriptor.kind] else {
                XCTFail("README.md's \(title) row does not link `\(descriptor.kind)`"); continue
            }
            let typeName = String(descriptor.type.split(separator: ".").last ?? "")
            let source = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            XCTAssertTrue(source.range(of: #"(struct|enum|class|actor) \#(typeName)\b"#, options: .regularExpression) != nil,
                          "\(path), linked for \(title) `\(descriptor.kind)`, does not declare \(typeName)")
            let list = try String(contentsOf: root.appendingPathComponent(row.list), encoding: .utf8)
            XCTAssertTrue(list.contains("kind: \"\(descriptor.kind)\""), "\(row.list) does not register \(title) `\(descriptor.kind)`")
        }
    }
}
