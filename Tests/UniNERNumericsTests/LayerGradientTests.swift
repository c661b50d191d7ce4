import XCTest
@testable import UniNERNumerics

/// Finite-difference checks of every layer's backward against its forward.
final class LayerGradientTests: XCTestCase {
    func testLinear() {
        let n = 3, c = 4, oc = 5
        let x = Tensor([n, c], randomArray(n * c, seed: 1)), w = Tensor([oc, c], randomArray(oc * c, seed: 2))
        let b = Tensor([oc], randomArray(oc, seed: 3)), y = Tensor([n, oc]), r = randomArray(n * oc, seed: 4)
        func loss() -> Double { Linear.forward(out: y.data, inp: x.data, weight: w.data, bias: b.data, n: n, c: c, oc: oc); return dot(y.data, r) }
        let dx = Tensor([n, c]), dw = Tensor([oc, c]), db = Tensor([oc])
        _ = loss()
        Linear.backward(dinp: dx.data, dweight: dw.data, dbias: db.data, dout: r, inp: x.data, weight: w.data, n: n, c: c, oc: oc)
        assertClose(dx.array, numericGradient(x.data, indices: Array(0..<x.count), loss: loss), "dx")
        assertClose(dw.array, numericGradient(w.data, indices: Array(0..<w.count), loss: loss), "dw")
        assertClose(db.array, numericGradient(b.data, indices: Array(0..<b.count), loss: loss), "db")
    }

    func testLayerNorm() {
        let n = 3, c = 6
        let x = Tensor([n, c], randomArray(n * c, seed: 5)), w = Tensor([c], randomArray(c, seed: 6))
        let b = Tensor([c], randomArray(c, seed: 7)), y = Tensor([n, c]), r = randomArray(n * c, seed: 8)
        let cache = LayerNorm.Cache()
        func loss() -> Double {
            LayerNorm.forward(out: y.data, cache: cache, inp: x.data, weight: w.data, bias: b.data, n: n, c: c, eps: 1e-12)
            return dot(y.data, r)
        }
        _ = loss()
        let dx = Tensor([n, c]), dw = Tensor([c]), db = Tensor([c])
        LayerNorm.backward(dinp: dx.data, dweight: dw.data, dbias: db.data, dout: r, inp: x.data, weight: w.data, cache: cache, n: n, c: c)
        assertClose(dx.array, numericGradient(x.data, indices: Array(0..<x.count), eps: 1e-3, loss: loss), "dx")
        assertClose(dw.array, numericGradient(w.data, indices: Array(0..<w.count), loss: loss), "dw")
        assertClose(db.array, numericGradient(b.data, indices: Array(0..<b.count), loss: loss), "db")
    }

    func testGELUAgainstTheErfFormAndFiniteDifferences() {
        let x = randomArray(12, std: 2, seed: 9) + [0, 1, -1, 0.3, -0.3, 6, -6], n = x.count
        let r = randomArray(n, seed: 10)
        let y = Tensor([n]), xd = Tensor([n], x)
        GELU.forward(out: y.data, inputThenDerivative: xd.data, count: n)
        assertClose(y.array, x.map(Oracle.gelu), tolerance: 1e-6, "values")
        assertClose(xd.array, x.map(Oracle.geluDerivative), tolerance: 1e-6, "derivatives")
        for i in 0..<n { XCTAssertEqual(y[i], Oracle.gelu(x[i]), accuracy: 3e-7, "gelu(\(x[i]))") }
        // Exact erf form, not the tanh approximation: gelu(1) = 0.8413447, gelu(-1) = -0.1586553.
        XCTAssertEqual(y[13], 0.8413447, accuracy: 1e-6)
        XCTAssertEqual(y[14], -0.1586553, accuracy: 1e-6)
        // Backward from the kept derivative against finite differences of the forward.
        let dx = Tensor([n])
        GELU.backward(dinp: dx.data, dout: r, derivative: xd.data, count: n)
        let input = Tensor([n], x), scratch = Tensor([n])
        func loss() -> Double {
            scratch.copy(from: input)
            GELU.forward(out: y.data, inputThenDerivative: scratch.data, count: n)
            return dot(y.data, r)
        }
        assertClose(dx.array, numericGradient(input.data, indices: Array(0..<n), eps: 1e-3, loss: loss), "dx")
    }

    func testEncoderLayerWithDropoutAndPadding() throws {
        var config = BertConfig(vocabSize: 4, hiddenSize: 8, numHiddenLayers: 1, numAttentionHeads: 2, intermediateSize: 12,
                                maxPositionEmbeddings: 8)
        config.initializerRange = 0.3
        let store = ParameterStore()
        let layer = EncoderLayer(config: config, store: store, prefix: "")
        store.allocate()
        var init0 = RandomGenerator(seed: 2)
        store.initializeBERTStyle(std: config.initializerRange, rng: &init0)
        let b = 2, t = 4, c = 8
        let x = Tensor([b, t, c], randomArray(b * t * c, seed: 3)), r = randomArray(b * t * c, seed: 4)
        let mask: [Int32] = [1, 1, 1, 1, 1, 1, 1, 0]
        let cache = EncoderLayer.Cache()
        func loss() -> Double {
            // The same seed each time: the same dropout masks, so the loss is a function of the parameters.
            var rng = RandomGenerator(seed: 7)
            mask.withUnsafeBufferPointer {
                layer.forward(cache: cache, input: x, mask: $0.baseAddress!, b: b, t: t, hiddenP: 0.2, attentionP: 0.2, rng: &rng)
            }
            return dot(cache.out.data, r)
        }
        _ = loss()
        store.zeroGrad()
        let dx = Tensor([0])
        mask.withUnsafeBufferPointer {
            layer.backward(cache: cache, dout: Tensor([b, t, c], r), dinput: dx, grads: EncoderLayer.Gradients(),
                           mask: $0.baseAddress!, b: b, t: t)
        }
        assertClose(dx.array, numericGradient(x.data, indices: Array(0..<x.count), eps: 1e-2, loss: loss), "dx")
        var pick = RandomGenerator(seed: 5)
        var analytic: [Float] = [], numeric: [Float] = []
        for p in store.parameters where !p.name.hasSuffix("key.bias") {
            let idx = (0..<3).map { _ in p.offset + pick.int(below: p.count) }
            analytic += idx.map { store.grads.data[$0] }
            numeric += numericGradient(store.values.data, indices: idx, eps: 1e-2, loss: loss)
        }
        assertClose(analytic, numeric, "parameters")
    }

    func testAttentionMatchesTheTextbookForm() {
        let b = 2, t = 5, c = 8, nh = 2
        let qkv = randomArray(b * t * 3 * c, seed: 21), mask: [Int32] = [1, 1, 1, 1, 1, 1, 0, 1, 0, 0]
        let x = Tensor([b, t, 3 * c], qkv), y = Tensor([b, t, c])
        var rng = RandomGenerator(seed: 0)
        mask.withUnsafeBufferPointer {
            Attention.forward(out: y.data, cache: Attention.Cache(), qkv: x.data, mask: $0.baseAddress!, b: b, t: t, c: c,
                              heads: nh, rng: &rng)
        }
        assertClose(y.array, Oracle.attention(qkv: qkv, mask: mask, b: b, t: t, c: c, heads: nh), tolerance: 1e-5, "out")
    }

    /// Attention on random qkv [b, t, 3c] under `mask`, with the loss ⟨out, r⟩ for a fixed random r: its
    /// analytic gradient checked against finite differences. Returns the pieces for further checks.
    private func checkAttentionGradient(b: Int, t: Int, c: Int, heads nh: Int, mask: [Int32], seed: UInt64)
        -> (qkv: Tensor, y: Tensor, dqkv: Tensor, loss: () -> Double) {
        let qkv = Tensor([b, t, 3 * c], randomArray(b * t * 3 * c, seed: seed)), y = Tensor([b, t, c])
        let r = randomArray(b * t * c, seed: seed + 1)
        let cache = Attention.Cache()
        var rng = RandomGenerator(seed: 0)
        func loss() -> Double {
            mask.withUnsafeBufferPointer {
                Attention.forward(out: y.data, cache: cache, qkv: qkv.data, mask: $0.baseAddress!, b: b, t: t, c: c, heads: nh, rng: &rng)
            }
            return dot(y.data, r)
        }
        _ = loss()
        let dqkv = Tensor([b, t, 3 * c])
        mask.withUnsafeBufferPointer {
            Attention.backward(dqkv: dqkv.data, dout: r, qkv: qkv.data, mask: $0.baseAddress!, cache: cache, b: b, t: t, c: c, heads: nh)
        }
        let numeric = numericGradient(qkv.data, indices: Array(0..<qkv.count), eps: 1e-3, loss: loss)
        assertClose(dqkv.array, numeric, "dqkv")
        _ = loss()
        return (qkv, y, dqkv, loss)
    }

    func testAttentionWithPaddingMask() throws {
        let b = 2, t = 4, c = 6
        let (qkv, y, dqkv, loss) = checkAttentionGradient(b: b, t: t, c: c, heads: 2, mask: [1, 1, 1, 1, 1, 1, 0, 0], seed: 13)
        // Padded keys of the second sequence receive no attention, hence no key or value gradient.
        for ti in 2..<4 { for j in c..<(3 * c) { XCTAssertEqual(dqkv[(t + ti) * 3 * c + j], 0) } }
        // And the output at real positions ignores the padded tokens' values entirely.
        let before = y.array
        qkv[(t + 3) * 3 * c + 2 * c] += 100
        _ = loss()
        XCTAssertEqual(Array(y.array[(t * c)..<(t * c + 2 * c)]), Array(before[(t * c)..<(t * c + 2 * c)]))
    }

    /// The shared-pass layout's mask: block 1 (shared) sees itself; blocks 2 and 3 see block 1 and themselves.
    func testAttentionWithBlockMaskMatchesTheOracleAndDifferentiates() throws {
        let b = 2, t = 6, c = 6, nh = 2
        let mask: [Int32] = [1, 1, 1, 2, 2, 3,   1, 1, 2, 3, 0, 0]
        let (qkv, y, _, loss) = checkAttentionGradient(b: b, t: t, c: c, heads: nh, mask: mask, seed: 31)
        assertClose(y.array, Oracle.attention(qkv: qkv.array, mask: mask, b: b, t: t, c: c, heads: nh), tolerance: 1e-5, "out")
        // The shared block's outputs ignore the private blocks: moving a private token's key and value moves nothing
        // of rows 0-2, nor of the other private block (row 5).
        let before = y.array
        for j in c..<(3 * c) { qkv[3 * 3 * c + j] += 50 }
        _ = loss()
        for row in [0, 1, 2, 5] {
            XCTAssertEqual(Array(y.array[(row * c)..<(row * c + c)]), Array(before[(row * c)..<(row * c + c)]), "row \(row)")
        }
        XCTAssertNotEqual(Array(y.array[(4 * c)..<(5 * c)]), Array(before[(4 * c)..<(5 * c)]), "row 4 shares block 2")
    }

    func testEmbedding() {
        let b = 2, t = 3, c = 4, v = 5
        let ids: [Int32] = [1, 4, 1, 0, 2, 4], types: [Int32] = [0, 0, 1, 0, 1, 1]
        let wte = Tensor([v, c], randomArray(v * c, seed: 15)), wpe = Tensor([t, c], randomArray(t * c, seed: 16))
        let wtt = Tensor([2, c], randomArray(2 * c, seed: 17)), y = Tensor([b, t, c]), r = randomArray(b * t * c, seed: 18)
        func loss() -> Double {
            Embedding.forward(out: y.data, ids: ids, types: types, wte: wte.data, wpe: wpe.data, wtt: wtt.data, b: b, t: t, c: c)
            return dot(y.data, r)
        }
        _ = loss()
        let dte = Tensor([v, c]), dpe = Tensor([t, c]), dtt = Tensor([2, c])
        Embedding.backward(dwte: dte.data, dwpe: dpe.data, dwtt: dtt.data, dout: r, ids: ids, types: types, b: b, t: t, c: c)
        assertClose(dte.array, numericGradient(wte.data, indices: Array(0..<wte.count), loss: loss), "dwte")
        assertClose(dpe.array, numericGradient(wpe.data, indices: Array(0..<wpe.count), loss: loss), "dwpe")
        assertClose(dtt.array, numericGradient(wtt.data, indices: Array(0..<wtt.count), loss: loss), "dwtt")
    }

    func testBinaryCrossEntropyIsStableAndDifferentiates() {
        let x = Tensor([8], [-3, -0.5, 0, 0.7, 2, 5, -1, 1.5]), y = Tensor([8], [0, 1, 1, 0, 1, 0, 0, 1])
        let w = Tensor([8], [1, 1, 1, 1, 1, 1, 0, 2])
        func loss() -> Double { BinaryCrossEntropy.forward(logits: x.data, targets: y.data, weights: w.data, count: 8) }
        let dx = Tensor([8])
        BinaryCrossEntropy.backward(dlogits: dx.data, logits: x.data, targets: y.data, weights: w.data, count: 8, scale: 1)
        assertClose(dx.array, numericGradient(x.data, indices: Array(0..<8), eps: 1e-3, loss: loss), "dlogits")
        XCTAssertEqual(dx[6], 0, "a masked pair has no gradient")
        // Extreme logits stay finite: bce(100, 0) = 100, bce(-100, 0) ≈ 0.
        let big = Tensor([2], [100, -100]), zeros = Tensor([2])
        XCTAssertEqual(BinaryCrossEntropy.forward(logits: big.data, targets: zeros.data, weights: nil, count: 2), 100, accuracy: 1e-4)
    }

    func testFocalLossMatchesReferenceValuesAndDifferentiates() {
        let x = Tensor([8], [-3, -0.5, 0, 0.7, 2, 5, -1, 1.5]), y = Tensor([8], [1, 1, 1, 0, 0, 0, 0, 1])
        let w = Tensor([8], [1, 1, 1, 1, 1, 1, 0, 2])
        for gamma: Float in [0.5, 1.5, 2] {
            func loss() -> Double { BinaryCrossEntropy.forward(logits: x.data, targets: y.data, weights: w.data, count: 8, gamma: gamma) }
            let dx = Tensor([8])
            BinaryCrossEntropy.backward(dlogits: dx.data, logits: x.data, targets: y.data, weights: w.data, count: 8, scale: 1, gamma: gamma)
            assertClose(dx.array, numericGradient(x.data, indices: Array(0..<8), eps: 1e-3, loss: loss), "dlogits, gamma \(gamma)")
            XCTAssertEqual(dx[6], 0, "a masked pair has no gradient")
        }
        // Reference values (Python's math module): (1 - q)^gamma * -log q.
        func one(_ logit: Float, _ target: Float, _ gamma: Float) -> Double {
            let l = Tensor([1], [logit]), t = Tensor([1], [target])
            return BinaryCrossEntropy.forward(logits: l.data, targets: t.data, weights: nil, count: 1, gamma: gamma)
        }
        XCTAssertEqual(one(0, 1, 2), 0.17328679513998632, accuracy: 1e-6)    // 0.25 · log 2
        XCTAssertEqual(one(2, 0, 2), 1.6500781794214086, accuracy: 1e-5)     // σ(2)² · softplus(2)
        XCTAssertEqual(one(-3, 1, 1.5), 2.834306517297994, accuracy: 1e-5)   // σ(3)^1.5 · softplus(3)
        // An easy pair weighs far less than under plain cross-entropy; extreme logits stay finite.
        XCTAssertLessThan(one(-6, 0, 2), one(-6, 0, 0) * 1e-4)
        XCTAssertEqual(one(100, 0, 2), 100, accuracy: 1e-4)
        XCTAssertEqual(one(-100, 0, 2), 0, accuracy: 1e-12)
        let dx = Tensor([1]), big = Tensor([1], [-100]), gold = Tensor([1], [1])
        BinaryCrossEntropy.backward(dlogits: dx.data, logits: big.data, targets: gold.data, weights: nil, count: 1, scale: 1, gamma: 2)
        XCTAssertEqual(dx[0], -1, accuracy: 1e-6, "a gold pair scored -100 pulls up with gradient -1")
    }

    func testDropoutMatchesItsMaskAndRate() {
        let n = 10_000
        let x = Tensor([n]); x.fill(1)
        let y = Tensor([n]), cache = Dropout.Cache()
        var rng = RandomGenerator(seed: 3)
        Dropout.forward(out: y.data, inp: x.data, count: n, p: 0.1, cache: cache, rng: &rng)
        let kept = y.array.filter { $0 != 0 }
        XCTAssertEqual(Double(kept.count) / Double(n), 0.9, accuracy: 0.01)
        XCTAssertEqual(kept[0], 1 / 0.9, accuracy: 1e-6)
        let dx = Tensor([n]), dy = Tensor([n]); dy.fill(2)
        Dropout.backward(dinp: dx.data, dout: dy.data, count: n, cache: cache)
        for i in 0..<n { XCTAssertEqual(dx[i], y[i] * 2) }
    }
}
