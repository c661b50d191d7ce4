import Foundation
import XCTest
@testable import UniNERStudents

/// `uniner bench --peer`: the peer script's JSON read into figures, the ratios against ours, and the errors when
/// the script or its venv is missing or the script fails. No test needs the GLiNER venv: stand-in scripts print
/// what the real one would.
final class PeerBenchTests: XCTestCase {
    // MARK: - Fixtures

    /// What scripts/peer/bench_gliner.py prints (PEERS.md's same-machine figures of 2026-12-01).
    static let peerJSON = """
    {"peer": "GLiNER 0.2.29", "versions": {"gliner": "0.2.29", "torch": "2.15.0"}, "threads": 2,
     "machine": "Intel Xeon, 2 cores", "backbone": "/x/all-MiniLM-L6-v2", "extra": "ignored",
     "training": {"data": "conll2003 train, first 960 sentences, all 3 labels", "batch": 8, "steps": 120,
                  "timed_steps": 115, "seconds": 287.5, "tokens_per_second": 156.9, "sentences_per_second": 3.2,
                  "peak_rss_bytes": 2739000000},
     "inference": {"data": "CrossNER_AI test", "sentences": 431, "labels": 13, "batch": 8,
                   "passes": [13.5, 7.7, 6.1], "sentences_per_second": 7.7, "peak_rss_bytes": 1200000000}}
    """

    static let ours = BenchFigures(sgemmPeakGFLOPS: 100, trainingGFLOPS: 47, syntheticTokensPerSecond: 986,
                                   conllTokensPerSecond: 801, conllSentencesPerSecond: 30.9, trainingPeakRSSBytes: 1_137_000_000,
                                   allInOneSentencesPerSecond: 71.1, perTypeSentencesPerSecond: 8.4)

    /// A folder with `gliner-venv/bin/python` (an empty executable) and a script printing `body`.
    func standIn(script body: String) throws -> [String: String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peer-\(UUID().uuidString)")
        let bin = folder.appendingPathComponent("gliner-venv/bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: bin.appendingPathComponent("python").path, contents: Data(),
                                       attributes: [.posixPermissions: 0o755])
        let script = folder.appendingPathComponent("bench-gliner.sh")
        try Data(body.utf8).write(to: script)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return ["UNINER_TOOLS_CACHE": folder.path, "UNINER_PEER_SCRIPT": script.path, "PATH": "/usr/bin:/bin"]
    }

    static func text(_ error: any Error) -> String { (error as? LocalizedError)?.errorDescription ?? "\(error)" }

    // MARK: - Figures and ratios

    func testThePeerJSONIsReadAndEveryRatioIsOursOverGLiNERs() throws {
        let peer = try PeerBenchFigures.decode(Data(Self.peerJSON.utf8))
        XCTAssertEqual(peer.training.tokensPerSecond, 156.9)
        XCTAssertEqual(peer.training.timedSteps, 115)
        XCTAssertEqual(peer.inference.passes, [13.5, 7.7, 6.1])
        let rows = PeerComparison(ours: Self.ours, peer: peer).rows
        XCTAssertEqual(rows.map(\.measure), [
            "training, non-padding subword tokens/s", "training, sentences/s",
            "inference, CrossNER_AI test, sentences/s, all-in-one", "inference, CrossNER_AI test, sentences/s, per-type",
            "inference, CrossNER_AI test, sentences/s, per-type, shared pass",
            "training peak RSS (lower is better)", "our training share of the in-run sgemm peak"])
        let ratios = rows.map(\.ratio)
        XCTAssertEqual(ratios[0]!, 801 / 156.9, accuracy: 1e-9, "CoNLL batches, not the synthetic one")
        XCTAssertEqual(ratios[1]!, 30.9 / 3.2, accuracy: 1e-9)
        XCTAssertEqual(ratios[2]!, 71.1 / 7.7, accuracy: 1e-9, "against the median pass")
        XCTAssertEqual(ratios[3]!, 8.4 / 7.7, accuracy: 1e-9)
        XCTAssertNil(ratios[4], "not measured in these figures")
        XCTAssertEqual(rows[4].ours, "not measured")
        XCTAssertEqual(ratios[5]!, 1137 / 2739, accuracy: 1e-9)
        XCTAssertNil(ratios[6])
        let table = PeerComparison(ours: Self.ours, peer: peer).markdown
        XCTAssertTrue(table.contains("| uniner | GLiNER 0.2.29 | ratio (uniner / GLiNER) |"), table)
        XCTAssertTrue(table.contains("| training, non-padding subword tokens/s | 801 (CoNLL-2003 batches) | 156.9 (115 timed steps, batch 8) | 5.11× |"), table)
        XCTAssertTrue(table.contains("| 0.42× |"), table)
        XCTAssertTrue(table.contains("47% (47.0 of 100.0 GFLOP/s)"), table)
        XCTAssertTrue(table.contains("this machine (Intel Xeon, 2 cores, 2 threads; gliner 0.2.29, torch 2.15.0)"), table)
    }

    func testWithoutCoNLLTheSyntheticRateIsComparedAndTheSentenceRatioIsLeftOut() throws {
        var ours = Self.ours
        ours.conllTokensPerSecond = nil
        ours.conllSentencesPerSecond = nil
        let rows = PeerComparison(ours: ours, peer: try PeerBenchFigures.decode(Data(Self.peerJSON.utf8))).rows
        XCTAssertEqual(rows[0].ratio!, 986 / 156.9, accuracy: 1e-9)
        XCTAssertEqual(rows[0].ours, "986 (synthetic batch 8 × 256)")
        XCTAssertNil(rows[1].ratio)
    }

    func testTheBiLSTMTrainingRateGetsItsOwnRowAfterThePlainOne() throws {
        var ours = Self.ours
        ours.conllLSTMTokensPerSecond = 690
        ours.frozenWordEmbeddings = true
        let rows = PeerComparison(ours: ours, peer: try PeerBenchFigures.decode(Data(Self.peerJSON.utf8))).rows
        XCTAssertEqual(rows.count, 8)
        XCTAssertEqual(rows[0].ratio!, 801 / 156.9, accuracy: 1e-9, "the plain rate stays the first row")
        XCTAssertEqual(rows[1].measure, "training, non-padding subword tokens/s, with the span side's BiLSTM (GLiNER's head has one)")
        XCTAssertEqual(rows[1].ratio!, 690 / 156.9, accuracy: 1e-9)
        XCTAssertEqual(rows[1].ours, "690 (CoNLL-2003 batches, `span_lstm: true`; word embeddings fixed, as recipes train a pretrained backbone)")
        XCTAssertEqual(rows[2].measure, "training, sentences/s")
    }

    func testAMissingOrMistypedKeyIsNamed() {
        let missing = Self.peerJSON.replacingOccurrences(of: "\"tokens_per_second\": 156.9, ", with: "")
        XCTAssertThrowsError(try PeerBenchFigures.decode(Data(missing.utf8))) {
            XCTAssertEqual($0 as? PeerBenchError, .badOutput("no key 'training.tokens_per_second'"))
        }
        XCTAssertThrowsError(try PeerBenchFigures.decode(Data("[peer] step 3".utf8))) {
            XCTAssertTrue(($0 as? PeerBenchError)?.errorDescription?.contains("not JSON") == true, "\($0)")
        }
    }

    // MARK: - Running the script

    func testAMissingScriptOrVenvSaysWhatToDo() throws {
        XCTAssertThrowsError(try PeerBenchRunner(environment: ["UNINER_PEER_SCRIPT": "/nonexistent/bench-gliner.sh"])) {
            XCTAssertEqual($0 as? PeerBenchError, .scriptMissing(tried: ["/nonexistent/bench-gliner.sh"]))
            XCTAssertTrue(Self.text($0).contains("set UNINER_PEER_SCRIPT"), Self.text($0))
        }
        var environment = try standIn(script: "exit 0\n")
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("peer-empty-\(UUID().uuidString)")
        environment["UNINER_TOOLS_CACHE"] = empty.path
        XCTAssertThrowsError(try PeerBenchRunner(environment: environment)) {
            XCTAssertEqual($0 as? PeerBenchError, .venvMissing(empty.appendingPathComponent("gliner-venv").path))
            XCTAssertTrue(Self.text($0).contains("the peer venv is missing"), Self.text($0))
            XCTAssertTrue(Self.text($0).contains("run scripts/bench-gliner.sh --install"), Self.text($0))
        }
    }

    func testAFailingScriptGivesItsStatusAndLastLines() throws {
        let environment = try standIn(script: "echo 'progress' >&2\necho 'ModuleNotFoundError: torch' >&2\nexit 1\n")
        XCTAssertThrowsError(try PeerBenchRunner(environment: environment).run(arguments: [], environment: environment)) {
            XCTAssertEqual($0 as? PeerBenchError, .failed(status: 1, tail: "progress\nModuleNotFoundError: torch"))
        }
        let gone = try standIn(script: "echo 'the peer venv is missing' >&2\nexit 3\n")
        XCTAssertThrowsError(try PeerBenchRunner(environment: gone).run(arguments: [], environment: gone)) {
            guard case .venvMissing = $0 as? PeerBenchError else { return XCTFail("\($0)") }
        }
    }

    func testTheScriptsJSONIsReadFromTheFileItIsGivenWithItsArguments() throws {
        // The stand-in writes the fixture to --out, with the step count it was given in place of 120.
        let fixture = Self.peerJSON.replacingOccurrences(of: "\"steps\": 120", with: "\"steps\": STEPS")
        let environment = try standIn(script: """
            while [ $# -gt 0 ]; do case "$1" in --out) out=$2 ;; --max-steps) steps=$2 ;; esac; shift; done
            cat > "$out" <<'EOF'
            \(fixture)
            EOF
            sed -i "s/STEPS/$steps/" "$out"
            """)
        let figures = try PeerBenchRunner(environment: environment).run(arguments: ["--max-steps", "40"], environment: environment)
        XCTAssertEqual(figures.training.steps, 40)
        XCTAssertEqual(figures.inference.sentences, 431)
    }
}
