import XCTest
@testable import UniNERNumerics

/// A frozen parameter (the word embeddings of a pretrained backbone) costs no optimiser work, no gradient pass and
/// no memory, and the folded clipping gives the same update as clipping in a pass of its own.
final class FrozenParameterTests: XCTestCase {
    func testFrozenParametersLeaveTheTrainableRangesAndTheNorm() {
        let store = ParameterStore()
        let a = store.add("a", [2, 2]), b = store.add("b", [3]), c = store.add("c", [1, 2])
        store.allocate()
        XCTAssertEqual(store.trainableRanges, [0..<9])
        for i in 0..<9 { store.grads.data[i] = Float(i + 1) }
        store.setFrozen(b)
        XCTAssertEqual(store.trainableRanges, [0..<4, 7..<9])
        XCTAssertTrue(store.isFrozen(b)); XCTAssertFalse(store.isFrozen(a))
        XCTAssertEqual(Array(UnsafeBufferPointer(start: store.grad(b), count: 3)), [0, 0, 0], "freezing clears a written gradient")
        // 1² + 2² + 3² + 4² + 8² + 9² = 175
        XCTAssertEqual(AdamW.gradientNorm(store), Float(175).squareRoot(), accuracy: 1e-6)
        store.grad(b)[1] = 100   // a layer that does not skip it: still ignored
        XCTAssertEqual(AdamW.gradientNorm(store), Float(175).squareRoot(), accuracy: 1e-6)
        store.zeroGrad()
        XCTAssertEqual(store.grads.array, [0, 0, 0, 0, 0, 100, 0, 0, 0], "zeroGrad clears the trainable gradients only")
        let before = store.value(b)[1]
        let opt = AdamW(parameterCount: store.totalCount)
        opt.update(store) { _ in 0.1 }
        XCTAssertEqual(store.value(b)[1], before, accuracy: 0)
        XCTAssertEqual(opt.m[5], 0, accuracy: 0, "a frozen parameter has no moments")
        store.setFrozen(b, false)
        XCTAssertEqual(store.trainableRanges, [0..<9])
        _ = c
    }

    /// The norm sums in eight lanes and fixed blocks: it matches a Double sum over more than one block and a tail.
    func testTheVectorisedNormMatchesADoubleSum() {
        let store = ParameterStore()
        store.add("w", [65_536 * 2 + 13, 1])
        store.allocate()
        let g = randomArray(store.totalCount, seed: 4)
        for (i, x) in g.enumerated() { store.grads.data[i] = x }
        let reference = g.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        XCTAssertEqual(Double(AdamW.gradientNorm(store)), reference, accuracy: reference * 1e-6)
    }

    /// Clipping folded into the update (gradients scaled as AdamW reads them) gives, to the bit, the weights that
    /// clipping the stored gradients first gives.
    func testFoldedClippingMatchesClippingFirst() {
        func store(_ g: [Float]) -> ParameterStore {
            let s = ParameterStore()
            s.add("w", [g.count, 1])
            s.allocate()
            for (i, x) in g.enumerated() { s.grads.data[i] = x; s.values.data[i] = Float(i) * 0.01 }
            return s
        }
        let g = randomArray(29, seed: 8).map { $0 * 10 }
        let first = store(g), folded = store(g)
        let o1 = AdamW(parameterCount: 29), o2 = AdamW(parameterCount: 29)
        let norm = AdamW.clipGradients(first, maxNorm: 1)
        XCTAssertGreaterThan(norm, 1)
        o1.update(first) { _ in 0.01 }
        o2.update(folded, gradientScale: AdamW.clipScale(norm: AdamW.gradientNorm(folded), maxNorm: 1)) { _ in 0.01 }
        XCTAssertEqual(first.values.array, folded.values.array)
        XCTAssertEqual(o1.m.array, o2.m.array)
        XCTAssertEqual(AdamW.clipScale(norm: 0.5, maxNorm: 1), 1)
        XCTAssertEqual(AdamW.clipScale(norm: 5, maxNorm: 0), 1, "max norm 0: no clipping")
    }

    /// A trainer that freezes the word embeddings never writes their gradient: the backward skips the scatter.
    func testTheFrozenWordTableGetsNoGradient() throws {
        var config = TrainerConfig(headLearningRate: 1e-2, encoderLearningRate: 1e-2, totalSteps: 4)
        config.freezeWordEmbeddings = true
        let trainer = Trainer(model: try SpanModel(config: Synthetic.config(), seed: 3), config: config)
        _ = try trainer.step([Synthetic.batch(seed: 1)])
        let s = trainer.model.store
        let wte = try XCTUnwrap(s.parameter("embeddings.word_embeddings.weight"))
        let wpe = try XCTUnwrap(s.parameter("embeddings.position_embeddings.weight"))
        XCTAssertTrue(UnsafeBufferPointer(start: s.grad(wte), count: wte.count).allSatisfy { $0 == 0 })
        XCTAssertTrue(UnsafeBufferPointer(start: s.grad(wpe), count: wpe.count).contains { $0 != 0 })
    }

    /// A large zero tensor takes memory only where it is written (calloc's fresh pages), so a frozen table's
    /// gradient and moments cost nothing.
    func testAZeroTensorTakesMemoryOnlyWhereWritten() throws {
        #if os(Linux)
        func residentBytes() throws -> Int {
            let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
            let line = try XCTUnwrap(status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
            return try XCTUnwrap(Int(line.split(separator: " ").dropFirst().first ?? "")) * 1024
        }
        let before = try residentBytes()
        let t = Tensor([64 * 1024 * 1024])   // 256 MB
        let allocated = try residentBytes()
        t.data.update(repeating: 1, count: 16 * 1024 * 1024)   // the first 64 MB written
        let written = try residentBytes()
        XCTAssertLessThan(allocated - before, 16_000_000, "an unwritten zero tensor is not resident")
        XCTAssertGreaterThan(written - allocated, 60_000_000)
        XCTAssertEqual(t[64 * 1024 * 1024 - 1], 0)
        #else
        throw XCTSkip("reads /proc/self/status")
        #endif
    }
}
