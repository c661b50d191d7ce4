import XCTest
@testable import UniNERNumerics

/// The GELU kernels (C, compiled for the baseline ISA and for AVX2 from one body) give the same bits either way, so
/// a model computes the same numbers on a machine without AVX2; the inference form equals the training form's output.
final class GELUKernelTests: XCTestCase {
    /// Inputs across the range: normal draws, large magnitudes (where erf saturates and exp clamps), zeros, a tail.
    static func inputs() -> [Float] {
        var x = randomArray(10_007, std: 3, seed: 11)
        x += [0, -0, 1e-30, -1e-30, 5, -5, 9.5, -9.5, 13.2, -13.2, 40, -40, 1e4, -1e4, .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
        return x
    }

    func testTheBaselineAndAVX2VariantsGiveTheSameBits() throws {
        guard cpuHasAVX2() else { throw XCTSkip("this CPU has no AVX2") }
        let x = Self.inputs(), n = x.count
        let out1 = Tensor([n]), out2 = Tensor([n]), d1 = Tensor([n], x), d2 = Tensor([n], x)
        GELU.forward(out: out1.data, inputThenDerivative: d1.data, count: n, avx2: false)
        GELU.forward(out: out2.data, inputThenDerivative: d2.data, count: n, avx2: true)
        XCTAssertEqual(out1.array.map(\.bitPattern), out2.array.map(\.bitPattern))
        XCTAssertEqual(d1.array.map(\.bitPattern), d2.array.map(\.bitPattern))
        let p1 = Tensor([n]), p2 = Tensor([n]), inp = Tensor([n], x)
        GELU.forward(out: p1.data, inp: inp.data, count: n, avx2: false)
        GELU.forward(out: p2.data, inp: inp.data, count: n, avx2: true)
        XCTAssertEqual(p1.array.map(\.bitPattern), p2.array.map(\.bitPattern))
    }

    func testTheInferenceFormEqualsTheTrainingFormAndTheErfFormula() {
        let x = Self.inputs(), n = x.count
        let kept = Tensor([n]), d = Tensor([n], x), plain = Tensor([n]), inp = Tensor([n], x)
        GELU.forward(out: kept.data, inputThenDerivative: d.data, count: n)
        GELU.forward(out: plain.data, inp: inp.data, count: n)
        XCTAssertEqual(kept.array.map(\.bitPattern), plain.array.map(\.bitPattern))
        XCTAssertEqual(inp.array.map(\.bitPattern), x.map(\.bitPattern), "the inference form leaves its input alone")
        for (i, v) in x.enumerated() where abs(v) < 1e3 {
            let exact = Double(v) * 0.5 * (1 + erf(Double(v) / 2.0.squareRoot()))
            XCTAssertEqual(Double(plain[i]), exact, accuracy: 1e-6 * max(1, abs(Double(v))), "gelu(\(v))")
        }
        XCTAssertEqual(plain[n - 2], .greatestFiniteMagnitude)
        XCTAssertEqual(plain[n - 1], 0)
    }
}
