import Foundation
import XCTest
@testable import UniNERNumerics

/// Asserts that two arrays agree: ‖a − b‖ / max(‖a‖, ‖b‖, floor) ≤ tolerance, reporting the largest element difference.
func assertClose(_ a: [Float], _ b: [Float], tolerance: Double = 1e-3, floor: Double = 1e-6, _ what: String = "",
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "\(what): sizes differ", file: file, line: line)
    guard a.count == b.count, !a.isEmpty else { return }
    var diff = 0.0, na = 0.0, nb = 0.0, worst = 0.0, worstAt = 0
    for i in 0..<a.count {
        let d = Double(a[i]) - Double(b[i])
        diff += d * d; na += Double(a[i]) * Double(a[i]); nb += Double(b[i]) * Double(b[i])
        if abs(d) > worst { worst = abs(d); worstAt = i }
    }
    let rel = diff.squareRoot() / max(na.squareRoot(), nb.squareRoot(), floor)
    XCTAssert(rel <= tolerance,
              "\(what): relative error \(rel) > \(tolerance); largest difference \(worst) at \(worstAt) (\(a[worstAt]) vs \(b[worstAt]))",
              file: file, line: line)
}

/// Central finite differences of `loss` with respect to the `indices` of `values`.
func numericGradient(_ values: UnsafeMutablePointer<Float>, indices: [Int], eps: Float = 1e-2,
                     loss: () throws -> Double) rethrows -> [Float] {
    var out: [Float] = []
    for i in indices {
        let old = values[i]
        values[i] = old + eps
        let lp = try loss()
        values[i] = old - eps
        let lm = try loss()
        values[i] = old
        out.append(Float((lp - lm) / (2 * Double(eps))))
    }
    return out
}

/// Σ x[i]·w[i] in Double: a scalar loss whose gradient with respect to x is w.
func dot(_ x: UnsafePointer<Float>, _ w: [Float]) -> Double {
    var s = 0.0
    for i in 0..<w.count { s += Double(x[i]) * Double(w[i]) }
    return s
}

/// `n` normal(0, std) values from a seeded generator.
func randomArray(_ n: Int, std: Float = 1, seed: UInt64) -> [Float] {
    var rng = RandomGenerator(seed: seed)
    return (0..<n).map { _ in rng.normal() * std }
}

/// The MiniLM folder: `UNINER_MODEL_DIR`, else `<repo root>/.models/all-MiniLM-L6-v2`.
func modelFolder(file: StaticString = #filePath) throws -> URL {
    if let env = ProcessInfo.processInfo.environment["UNINER_MODEL_DIR"] { return URL(fileURLWithPath: env) }
    let root = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let url = root.appendingPathComponent(".models/all-MiniLM-L6-v2")
    guard FileManager.default.fileExists(atPath: url.appendingPathComponent("model.safetensors").path) else {
        XCTFail("all-MiniLM-L6-v2 not found at \(url.path) (nor UNINER_MODEL_DIR): run scripts/setup.sh")
        throw XCTSkip("model folder missing")
    }
    return url
}

/// A temporary folder removed at the end of the test.
func temporaryFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-numerics-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Whether this CPU has AVX2, from /proc/cpuinfo: independently of the kernels' own CPUID check.
func cpuHasAVX2() -> Bool {
    (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.contains(" avx2") ?? false
}
