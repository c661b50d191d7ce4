import XCTest
@testable import UniNERNumerics

final class BLASTests: XCTestCase {
    /// Every transpose combination and leading dimension against a plain triple loop (also checks the kernel
    /// family chosen by `BLAS.coreName` computes correctly).
    func testSgemmMatchesNaiveProduct() {
        // Small (one call), tall and wide (split by rows or by columns over the cores when they are several).
        for (m, n, k) in [(37, 29, 70), (300, 70, 120), (60, 310, 130)] {
            checkSgemm(m: m, n: n, k: k)
        }
    }

    /// With our own threading, the thread knob sets the workers and keeps OpenBLAS on one thread: OpenBLAS threads
    /// inside our parallel loops oversubscribed the cores (the bench measured training 23% faster without them).
    func testThreadKnobSetsWorkersAndKeepsOpenBLASSingleThreaded() throws {
        try XCTSkipUnless(BLAS.ownThreading, "UNINER_BLAS_THREADING=openblas leaves threading to OpenBLAS")
        let saved = Parallel.workers
        defer { BLAS.setThreads(saved) }
        BLAS.setThreads(1)
        XCTAssertEqual(Parallel.workers, 1)
        XCTAssertEqual(BLAS.threads, 1)
        BLAS.setThreads(2)
        XCTAssertEqual(Parallel.workers, min(2, Parallel.maxWorkers))
        XCTAssertEqual(BLAS.threads, 1)
        BLAS.setThreads(1000)
        XCTAssertEqual(Parallel.workers, Parallel.maxWorkers)
        // a product split over the workers still equals the plain loop
        checkSgemm(m: 300, n: 70, k: 120)
    }

    func checkSgemm(m: Int, n: Int, k: Int, file: StaticString = #filePath, line: UInt = #line) {
        let pad = 3
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            let lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad
            let a = randomArray((ta ? k : m) * lda, seed: 1), b = randomArray((tb ? n : k) * ldb, seed: 2)
            var c = randomArray(m * n, seed: 3)
            var expected = c.map { 0.5 * $0 }
            for i in 0..<m { for j in 0..<n {
                var s: Float = 0
                for p in 0..<k { s += (ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j]) }
                expected[i * n + j] += 2 * s
            } }
            c.withUnsafeMutableBufferPointer { cp in
                BLAS.sgemm(transA: ta, transB: tb, m: m, n: n, k: k, alpha: 2, a: a, lda: lda, b: b, ldb: ldb, beta: 0.5,
                           c: cp.baseAddress!, ldc: n)
            }
            assertClose(c, expected, tolerance: 1e-5, "\(m)×\(n)×\(k) transA \(ta) transB \(tb) on \(BLAS.coreName)",
                        file: file, line: line)
        }
    }

    func testRandomGeneratorIsDeterministicAndRoundTrips() throws {
        var a = RandomGenerator(seed: 42), b = RandomGenerator(seed: 42)
        XCTAssertEqual((0..<5).map { _ in a.next() }, (0..<5).map { _ in b.next() })
        var c = try JSONDecoder().decode(RandomGenerator.self, from: JSONEncoder().encode(a))
        XCTAssertEqual(c.next(), a.next())
        let xs = (0..<20_000).map { _ in Double(a.normal()) }
        let mean = xs.reduce(0, +) / Double(xs.count)
        XCTAssertEqual(mean, 0, accuracy: 0.03)
        XCTAssertEqual(xs.map { $0 * $0 }.reduce(0, +) / Double(xs.count), 1, accuracy: 0.05)
    }
}

final class FastMathTests: XCTestCase {
    func testExpAndErfAgreeWithLibm() {
        var worstExp: Float = 0, worstErf: Float = 0
        for i in -4000...4000 {
            let x = Float(i) / 400  // −10 … 10
            worstExp = max(worstExp, abs(FastMath.exp(x) - expf(x)) / expf(x))
            let e = FastMath.erf(nonNegative: abs(x), expOfMinusSquare: FastMath.exp(-x * x))
            worstErf = max(worstErf, abs((x < 0 ? -e : e) - erff(x)))
        }
        XCTAssertLessThan(worstExp, 5e-7, "relative error of exp")
        XCTAssertLessThan(worstErf, 5e-7, "absolute error of erf")
        XCTAssertEqual(FastMath.exp(-200), 0, accuracy: 1e-37)
        XCTAssertEqual(FastMath.exp(0), 1)
    }
}
