import Foundation
import XCTest

/// `uniner bench --peer` without the GLiNER venv or script fails at once, before measuring anything, and says
/// what to do (CI never installs the venv).
final class BenchPeerCommandTests: XCTestCase {
    func testAMissingVenvOrScriptFailsBeforeMeasuringAndSaysWhatToDo() throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("bench-peer-\(UUID().uuidString)")
        let started = Date()
        let noVenv = try CLIRunner.run(["bench", "--peer"], environment: ["UNINER_TOOLS_CACHE": empty.path])
        XCTAssertEqual(noVenv.status, 2, noVenv.stderr)
        XCTAssertTrue(noVenv.stderr.contains("the peer venv is missing (\(empty.path)/gliner-venv)"), noVenv.stderr)
        XCTAssertTrue(noVenv.stderr.contains("run scripts/bench-gliner.sh --install"), noVenv.stderr)
        XCTAssertEqual(noVenv.stdout, "", "nothing measured")

        let noScript = try CLIRunner.run(["bench", "--peer"], environment: ["UNINER_PEER_SCRIPT": empty.appendingPathComponent("x.sh").path])
        XCTAssertEqual(noScript.status, 2, noScript.stderr)
        XCTAssertTrue(noScript.stderr.contains("cannot find the peer script"), noScript.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "no sgemm or training before the check")
    }
}
