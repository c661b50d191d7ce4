import XCTest
@testable import UniNERNumerics

/// Attention's dense-row softmax kernel: the same bits from its baseline and AVX2 variants, and the softmax itself.
final class SoftmaxKernelTests: XCTestCase {
    func testBothVariantsGiveTheSameBitsAndTheSoftmax() throws {
        let hasAVX2 = cpuHasAVX2()
        for (n, seed) in [(1, 1), (15, 2), (16, 3), (17, 4), (78, 5), (257, 6)] {
            let x = randomArray(n, std: 4, seed: UInt64(seed))
            let a = Tensor([n], x), b = Tensor([n], x)
            Kernels.softmaxRow(a.data, count: n, avx2: false)
            if hasAVX2 {
                Kernels.softmaxRow(b.data, count: n, avx2: true)
                XCTAssertEqual(a.array.map(\.bitPattern), b.array.map(\.bitPattern), "n = \(n)")
            }
            let mx = x.max()!, e = x.map { Foundation.exp(Double($0 - mx)) }, s = e.reduce(0, +)
            for i in 0..<n { XCTAssertEqual(Double(a[i]), e[i] / s, accuracy: 1e-6, "n = \(n), i = \(i)") }
        }
        if !hasAVX2 { throw XCTSkip("checked the baseline variant only: this CPU has no AVX2") }
    }
}
