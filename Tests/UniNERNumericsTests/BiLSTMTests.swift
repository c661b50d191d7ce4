import XCTest
@testable import UniNERNumerics

/// The span side's BiLSTM against PyTorch's `nn.LSTM(4, 2, bidirectional=True)`: the same weights (b_ih our bias,
/// b_hh 0), two regions of one batch run as two sequences, the loss Σ out ⊙ R; forward values and gradients.
final class BiLSTMTests: XCTestCase {
    // torch 2.x, float64, the weights, inputs and R below (the generator is in the comment of `fill`).
    static let out: [Float] = [0.0379390, 0.2051594, 0.2628903, 0.1991106, -0.0155706, 0.3552567, 0.3539099, 0.1659793, 0.2153202, 0.2303646, 0.1830307, 0.0089717, 0, 0, 0, 0, -0.0309356, -0.1088446, 0.5178249, 0.3228609, 0.2012076, 0.1569206, 0.2354426, 0.2320589, 0.1271827, 0.2772447, 0.2243408, 0.1607204]
    static let dx: [Float] = [-0.0056048, 0.0418775, 0.0836920, 0.1141791, -0.0658309, -0.1067501, -0.1332211, -0.1416613, 0.1249411, 0.1257161, 0.1094759, 0.0784187, 0, 0, 0, 0, 0.0665036, 0.0594871, 0.0444192, 0.0233394, -0.0401687, -0.0271424, -0.0104424, 0.0076709, -0.0528311, -0.0651983, -0.0687413, -0.0629804]
    static let dWih: [Float] = [0.0047187, 0.0514960, 0.0841436, 0.0937033, 0.2454060, 0.2069079, 0.1116373, -0.0142651, 0.0727306, 0.0419981, -0.0002580, -0.0424433, -0.0200181, -0.0520894, -0.0698682, -0.0684761, 0.6407817, 0.5136962, 0.2456598, -0.0897822, 0.1812154, 0.1460833, 0.0708681, -0.0237924, 0.0233964, 0.0275546, 0.0241521, 0.0141227, 0.2157561, 0.1530993, 0.0484343, -0.0695205]
    static let dWhhReverse: [Float] = [-0.0072441, 0.0051069, 0.0248043, 0.0066529, -0.0025738, -0.0102762, 0.0059263, 0.0013405, 0.0020706, -0.0048315, 0.0682241, 0.0000645, 0.0604691, 0.0258824, 0.0541604, 0.0208730]
    static let dBias: [Float] = [0.0659226, 0.2518278, 0.0771017, 0.0933815, 0.7379557, 0.1953552, 0.0672402, 0.2951613]
    static let dBiasReverse: [Float] = [0.0898629, 0.1676705, -0.0113314, 0.0180536, 0.1494818, 0.5426918, 0.3479162, 0.2817470]

    /// Parameter k (in registration order), element e: 0.5 · sin(0.37 e + 1.3 k + 0.1).
    static func fill(_ store: ParameterStore) {
        for (k, p) in store.parameters.enumerated() {
            for e in 0..<p.count { store.value(p)[e] = 0.5 * sin(0.37 * Float(e) + 1.3 * Float(k) + 0.1) }
        }
    }

    func testForwardAndGradientsMatchPyTorch() throws {
        let C = 4, h = 2, N = 7
        let store = ParameterStore()
        let lstm = BiLSTM(input: C, hidden: h, store: store)
        store.allocate()
        XCTAssertEqual(store.parameters.map(\.name), ["rnn.weight_ih_l0", "rnn.weight_ih_l0_reverse", "rnn.weight_hh_l0",
                                                      "rnn.weight_hh_l0_reverse", "rnn.bias_l0", "rnn.bias_l0_reverse"])
        Self.fill(store)
        let x = (0..<(N * C)).map { 1.2 * cos(0.53 * Float($0) + 0.2) }
        let r = (0..<(N * 2 * h)).map { sin(0.29 * Float($0) + 0.4) }
        let cache = BiLSTM.Cache()
        // row 3 lies between the regions: no sequence reads it, and its output and gradient stay 0
        let regions = [0..<3, 4..<7]
        let saved = Parallel.workers
        defer { Parallel.setWorkers(saved) }
        for workers in [1, 2] {
            Parallel.setWorkers(workers)
            store.zeroGrad()
            var dx = [Float](repeating: 0, count: N * C)
            x.withUnsafeBufferPointer { xp in
                lstm.forward(xp.baseAddress!, rows: N, regions: regions, store: store, cache: cache)
                r.withUnsafeBufferPointer { rp in
                    lstm.backward(dOut: rp.baseAddress!, x: xp.baseAddress!, dX: &dx, store: store, cache: cache)
                }
            }
            let grad = { (name: String) -> [Float] in
                let p = store.parameters.first { $0.name == name }!
                return Array(UnsafeBufferPointer(start: store.grad(p), count: p.count))
            }
            assertClose(cache.out.array, Self.out, tolerance: 1e-5, floor: 1e-6, "output, \(workers) workers")
            assertClose(dx, Self.dx, tolerance: 1e-5, floor: 1e-6, "dx, \(workers) workers")
            assertClose(grad("rnn.weight_ih_l0"), Self.dWih, tolerance: 1e-5, floor: 1e-6, "dW_ih")
            assertClose(grad("rnn.weight_hh_l0_reverse"), Self.dWhhReverse, tolerance: 1e-5, floor: 1e-6, "dW_hh reverse")
            assertClose(grad("rnn.bias_l0"), Self.dBias, tolerance: 1e-5, floor: 1e-6, "d bias")
            assertClose(grad("rnn.bias_l0_reverse"), Self.dBiasReverse, tolerance: 1e-5, floor: 1e-6, "d bias reverse")
        }
    }
}
