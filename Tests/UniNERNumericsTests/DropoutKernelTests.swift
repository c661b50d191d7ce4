import XCTest
@testable import UniNERNumerics

/// The dropout kernels (C, `Sources/CKernels/dropout.c`) against the Swift reference of the mask (`Dropout.hash`):
/// the same mask and values on both instruction sets, over chunk boundaries, with the residual added in the same
/// pass, and the overwriting backwards (`accumulate: false`) equal to zeroing the buffer and accumulating.
final class DropoutKernelTests: XCTestCase {
    /// More than one chunk of `Parallel.chunks` (16,384 per chunk) and not a multiple of any vector width.
    static let n = 50_001
    /// The baseline variant, and the AVX2 one where the CPU has it.
    static let instructionSets = cpuHasAVX2() ? [false, true] : [false]

    /// The reference: keep[i] = hash(seed, i) ≥ threshold(p), out[i] = inp[i] · (1 / (1 − p)) · keep[i] (+ residual).
    func reference(_ x: [Float], residual: [Float]?, p: Float, seed: UInt64) -> (out: [Float], keep: [UInt8]) {
        let threshold = Dropout.threshold(p), scale = 1 / (1 - p)
        var out = [Float](), keep = [UInt8]()
        for (i, v) in x.enumerated() {
            let k: UInt8 = Dropout.hash(seed, UInt32(truncatingIfNeeded: i)) >= threshold ? 1 : 0
            let y = v * scale * Float(k)
            out.append(residual.map { y + $0[i] } ?? y)
            keep.append(k)
        }
        return (out, keep)
    }

    func testTheMaskAndValuesAreTheReferenceOnBothInstructionSets() {
        let x = randomArray(Self.n, seed: 21), residual = randomArray(Self.n, seed: 22)
        for avx2 in Self.instructionSets {
            for res in [nil, residual] {
                var rng = RandomGenerator(seed: 5), copy = rng
                let seed = copy.next()
                let input = Tensor([Self.n], x), cache = Dropout.Cache()
                let resTensor = res.map { Tensor([Self.n], $0) }
                // in place, as the encoder calls it
                Dropout.forward(out: input.data, inp: input.data, adding: resTensor.map { UnsafePointer($0.data) },
                                count: Self.n, p: 0.1, cache: cache, rng: &rng, avx2: avx2)
                let expected = reference(x, residual: res, p: 0.1, seed: seed)
                XCTAssertEqual(input.array.map(\.bitPattern), expected.out.map(\.bitPattern), "avx2 \(avx2), residual \(res != nil)")
                XCTAssertEqual(Array(UnsafeBufferPointer(start: cache.keep, count: Self.n)), expected.keep)
                XCTAssertEqual(rng, copy, "one draw of the generator per mask")
                let keptShare = Double(expected.keep.reduce(0) { $0 + Int($1) }) / Double(Self.n)
                XCTAssertEqual(keptShare, 0.9, accuracy: 0.01)
            }
        }
    }

    func testWithoutDropoutTheResidualIsAddedAndTheMaskUnused() {
        let x = randomArray(1_000, seed: 23), r = randomArray(1_000, seed: 24)
        let out = Tensor([1_000]), input = Tensor([1_000], x), res = Tensor([1_000], r), cache = Dropout.Cache()
        var rng = RandomGenerator(seed: 1), copy = rng
        Dropout.forward(out: out.data, inp: input.data, adding: res.data, count: 1_000, p: 0, cache: cache, rng: &rng)
        XCTAssertEqual(out.array.map(\.bitPattern), zip(x, r).map { ($0 + $1).bitPattern })
        XCTAssertEqual(rng.next(), copy.next(), "p = 0 draws nothing")
    }

    func testTheOverwritingBackwardEqualsZeroingThenAccumulating() {
        let x = randomArray(Self.n, seed: 25), dy = randomArray(Self.n, seed: 26)
        for p: Float in [0, 0.1] {
            for avx2 in Self.instructionSets {
                let y = Tensor([Self.n]), input = Tensor([Self.n], x), cache = Dropout.Cache()
                var rng = RandomGenerator(seed: 7)
                Dropout.forward(out: y.data, inp: input.data, adding: nil, count: Self.n, p: p, cache: cache,
                                rng: &rng, avx2: avx2)
                let dout = Tensor([Self.n], dy)
                let zeroed = Tensor([Self.n])   // zeroed, then accumulated into
                Dropout.backward(dinp: zeroed.data, dout: dout.data, count: Self.n, cache: cache, accumulate: true, avx2: avx2)
                let written = Tensor([Self.n]); written.fill(.nan)   // whatever the buffer held is overwritten
                Dropout.backward(dinp: written.data, dout: dout.data, count: Self.n, cache: cache, accumulate: false, avx2: avx2)
                XCTAssertEqual(written.array.map(\.bitPattern), zeroed.array.map(\.bitPattern), "p \(p), avx2 \(avx2)")
                // the gradient is the mask's: dout · scale where kept, 0 where dropped
                let scale: Float = p > 0 ? 1 / (1 - p) : 1
                for i in stride(from: 0, to: Self.n, by: 997) {
                    XCTAssertEqual(zeroed[i], y[i] != 0 ? dy[i] * scale : 0, "element \(i)")
                }
                // and accumulating adds to what is there
                let twice = Tensor([Self.n], zeroed.array)
                Dropout.backward(dinp: twice.data, dout: dout.data, count: Self.n, cache: cache, accumulate: true, avx2: avx2)
                XCTAssertEqual(twice.array.map(\.bitPattern), zeroed.array.map { ($0 + $0).bitPattern })
            }
        }
    }

    func testTheAttentionMaskIsTheReferenceOverEveryRow() {
        let b = 2, t = 5, c = 8, nh = 2
        let qkv = Tensor([b, t, 3 * c], randomArray(b * t * 3 * c, seed: 27)), out = Tensor([b, t, c])
        let mask: [Int32] = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0]   // the second sequence has 3 keys
        let cache = Attention.Cache()
        var rng = RandomGenerator(seed: 9), copy = rng
        let seed = copy.next(), threshold = Dropout.threshold(0.3)
        Attention.forward(out: out.data, cache: cache, qkv: qkv.data, mask: mask, b: b, t: t, c: c, heads: nh,
                          dropoutP: 0.3, rng: &rng)
        var checked = 0
        for bh in 0..<(b * nh) {
            let keys = bh / nh == 0 ? 5 : 3
            for ti in 0..<t {
                for j in 0..<keys {
                    let index = (bh * t + ti) * t + j
                    let expected: UInt8 = Dropout.hash(seed, UInt32(index)) >= threshold ? 1 : 0
                    XCTAssertEqual(cache.dropout.keep[index], expected, "head block \(bh), row \(ti), key \(j)")
                    checked += 1
                }
            }
        }
        XCTAssertEqual(checked, 2 * 5 * 5 + 2 * 5 * 3)
    }

    func testTheOverwritingGELUAndLayerNormBackwardsEqualZeroingThenAccumulating() {
        let n = 37, c = 48
        let x = randomArray(n * c, seed: 28), dy = randomArray(n * c, seed: 29)
        // GELU
        let out = Tensor([n * c]), derivative = Tensor([n * c], x)
        GELU.forward(out: out.data, inputThenDerivative: derivative.data, count: n * c)
        let zeroed = Tensor([n * c]), written = Tensor([n * c]); written.fill(.nan)
        GELU.backward(dinp: zeroed.data, dout: dy, derivative: derivative.data, count: n * c)
        GELU.backward(dinp: written.data, dout: dy, derivative: derivative.data, count: n * c, accumulate: false)
        XCTAssertEqual(written.array.map(\.bitPattern), zeroed.array.map(\.bitPattern))
        // LayerNorm
        let w = Tensor([c], randomArray(c, seed: 30)), bias = Tensor([c], randomArray(c, seed: 31))
        let inp = Tensor([n, c], x), y = Tensor([n, c]), cache = LayerNorm.Cache()
        LayerNorm.forward(out: y.data, cache: cache, inp: inp.data, weight: w.data, bias: bias.data, n: n, c: c, eps: 1e-12)
        let dxZeroed = Tensor([n, c]), dxWritten = Tensor([n, c]); dxWritten.fill(.nan)
        let dw1 = Tensor([c]), db1 = Tensor([c]), dw2 = Tensor([c]), db2 = Tensor([c])
        LayerNorm.backward(dinp: dxZeroed.data, dweight: dw1.data, dbias: db1.data, dout: dy, inp: inp.data,
                           weight: w.data, cache: cache, n: n, c: c)
        LayerNorm.backward(dinp: dxWritten.data, dweight: dw2.data, dbias: db2.data, dout: dy, inp: inp.data,
                           weight: w.data, cache: cache, n: n, c: c, accumulate: false)
        XCTAssertEqual(dxWritten.array.map(\.bitPattern), dxZeroed.array.map(\.bitPattern))
        XCTAssertEqual(dw2.array, dw1.array, "the parameter gradients accumulate either way")
        XCTAssertEqual(db2.array, db1.array)
    }
}
