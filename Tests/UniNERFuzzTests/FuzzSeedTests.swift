import Foundation
import UniNERCore
@testable import uniner_fuzz
import XCTest

/// The committed seed corpus (Tests/Fuzz/Corpus/<target>) read through the fuzzer's own targets: every seed is
/// accepted, except those named `bad-*`, which must fail with a located, typed error.
final class FuzzSeedTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Corpus")

    func testEverySeedIsReadByItsTarget() throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-seeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let targets = try FuzzTarget.all()
        XCTAssertEqual(targets.map(\.name).sorted(),
                       ["conll", "csv-tokens", "finer-ord", "gliner-json", "label-studio", "prodigy", "recipe", "scierc", "sofc",
                        "tasteset", "uniner-json"], "every dataset format has its fuzz target and seeds")
        for target in targets {
            let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.appendingPathComponent(target.name).path)
            XCTAssertGreaterThanOrEqual(names.filter { !$0.hasPrefix("bad-") }.count, 1, "\(target.name) has no valid seed")
            for name in names.sorted() {
                let seed = [UInt8](try Data(contentsOf: Self.corpus.appendingPathComponent("\(target.name)/\(name)")))
                let url = try target.input.materialize(seed, in: work)
                if name.hasPrefix("bad-") {
                    XCTAssertThrowsError(try target.run(url, 0), "\(target.name)/\(name)") { error in
                        XCTAssertTrue(error is RecipeError || error is DataError, "\(target.name)/\(name): \(error)")
                    }
                } else {
                    XCTAssertNoThrow(try target.run(url, 0), "\(target.name)/\(name)")
                }
            }
        }
    }

    func testMutationsAreDeterministicAndBounded() {
        let seeds = [Array("EU B-ORG\nrejects O\n".utf8), Array("a: [1, 2]\n".utf8)]
        let mutator = Mutator(maxSize: 4096, seeds: seeds)
        func run(_ seed: UInt64) -> [[UInt8]] {
            var random = FuzzRandom(seed: seed)
            return (0..<500).map { mutator.mutate(seeds[$0 % 2], other: seeds[1 - $0 % 2], random: &random) }
        }
        XCTAssertEqual(run(7), run(7))
        XCTAssertNotEqual(run(7), run(8))
        XCTAssertTrue(run(7).allSatisfy { $0.count <= 4096 })
    }

    func testBundlePathsStayInsideTheFolder() {
        let bundle = Array("=== texts/a.txt\nhello\n=== ../../etc/x\nno\n=== /abs\nno\n=== a/./b\nno\n=== ok-1_2.csv\nyes\n".utf8)
        XCTAssertEqual(FuzzInput.sections(of: bundle).map(\.0), ["texts/a.txt", "ok-1_2.csv"])
    }
}
