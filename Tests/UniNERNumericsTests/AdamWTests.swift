import XCTest
@testable import UniNERNumerics

final class AdamWTests: XCTestCase {
    func testOneStepMatchesAHandComputation() {
        let store = ParameterStore()
        let w = store.add("w", [2, 1]), b = store.add("b", [1])
        store.allocate()
        store.value(w)[0] = 1; store.value(w)[1] = -2; store.value(b)[0] = 0.5
        store.grad(w)[0] = 0.1; store.grad(w)[1] = -0.3; store.grad(b)[0] = 2
        let opt = AdamW(parameterCount: store.totalCount, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1)
        opt.update(store) { _ in 0.01 }
        // Step 1: m̂ = g, v̂ = g², so the Adam step is lr·g/(|g| + eps) = ±lr; decay lr·wd·p on matrices only.
        //   w0: 1 − 0.01·0.1·1 − 0.01 = 0.989;  w1: −2 + 0.01·0.1·2 + 0.01 = −1.988;  b: 0.5 − 0.01 = 0.49
        XCTAssertEqual(store.value(w)[0], 0.989, accuracy: 1e-6)
        XCTAssertEqual(store.value(w)[1], -1.988, accuracy: 1e-6)
        XCTAssertEqual(store.value(b)[0], 0.49, accuracy: 1e-6)
        XCTAssertEqual(opt.m[0], 0.01, accuracy: 1e-7)
        XCTAssertEqual(opt.v[2], 0.004, accuracy: 1e-7)
        // Step 2 with g = 0.1 again on w0: m = 0.019, v = 0.0000199, m̂ = 0.1, v̂ = 0.01 → step lr·0.1/0.1.
        opt.update(store) { p in p.name == "w" ? 0.01 : 0 }
        XCTAssertEqual(store.value(w)[0], 0.989 - 0.01 * 0.1 * 0.989 - 0.01, accuracy: 1e-6)
        XCTAssertEqual(store.value(b)[0], 0.49, accuracy: 0, "a zero learning rate freezes the parameter")
    }

    /// The vectorised path (8 lanes) and the tail agree with the formula evaluated in Double, over 3 steps.
    func testLongParametersFollowTheFormula() {
        let store = ParameterStore()
        let w = store.add("w", [37, 1])
        store.allocate()
        let w0 = randomArray(37, seed: 1)
        for i in 0..<37 { store.value(w)[i] = w0[i] }
        let opt = AdamW(parameterCount: 37, beta1: 0.8, beta2: 0.95, eps: 1e-6, weightDecay: 0.05)
        var ref = w0.map(Double.init), m = [Double](repeating: 0, count: 37), v = m
        for step in 1...3 {
            let g = randomArray(37, seed: UInt64(10 + step))
            for i in 0..<37 { store.grads.data[i] = g[i] }
            opt.update(store) { _ in 0.1 }
            for i in 0..<37 {
                m[i] = 0.8 * m[i] + 0.2 * Double(g[i]); v[i] = 0.95 * v[i] + 0.05 * Double(g[i]) * Double(g[i])
                let mhat = m[i] / (1 - pow(0.8, Double(step))), vhat = v[i] / (1 - pow(0.95, Double(step)))
                ref[i] -= 0.1 * (mhat / (vhat.squareRoot() + 1e-6) + 0.05 * ref[i])
            }
        }
        assertClose(Array(UnsafeBufferPointer(start: store.value(w), count: 37)), ref.map(Float.init), tolerance: 1e-6, "weights")
    }

    func testClippingScalesToTheMaximumNorm() {
        let store = ParameterStore()
        store.add("g", [2, 2])
        store.allocate()
        for (i, g) in [3, 4, 0, 0].enumerated() { store.grads.data[i] = Float(g) }
        XCTAssertEqual(AdamW.clipGradients(store, maxNorm: 1), 5, accuracy: 1e-6)
        XCTAssertEqual(AdamW.gradientNorm(store), 1, accuracy: 1e-5)
        XCTAssertEqual(store.grads[0], 0.6, accuracy: 1e-5)
    }

    func testScheduleWarmsUpThenDecays() {
        let lin = LearningRateSchedule(peak: 1, warmupSteps: 4, totalSteps: 14, decay: .linear)
        XCTAssertEqual((0..<4).map { lin.rate(step: $0) }, [0.25, 0.5, 0.75, 1])
        XCTAssertEqual(lin.rate(step: 9), 0.5, accuracy: 1e-6)
        XCTAssertEqual(lin.rate(step: 14), 0, accuracy: 1e-6)
        let cos = LearningRateSchedule(peak: 2, warmupSteps: 0, totalSteps: 10, decay: .cosine, minRatio: 0.1)
        XCTAssertEqual(cos.rate(step: 0), 2, accuracy: 1e-6)
        XCTAssertEqual(cos.rate(step: 5), 2 * (0.1 + 0.9 * 0.5), accuracy: 1e-6)
        XCTAssertEqual(cos.rate(step: 10), 0.2, accuracy: 1e-6)
    }
}
