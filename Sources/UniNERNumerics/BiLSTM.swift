import Foundation

/// A one-layer bidirectional LSTM over each sequence's text rows, as GLiNER runs over its encoder's word states
/// before the span head (`LstmSeq2SeqEncoder`): output row t is [h→_t ⊕ h←_t], C/2 wide each, so C in all.
///
/// Each direction d has W_ih [4h, C], W_hh [4h, h] and one bias [4h] (PyTorch's b_ih + b_hh: the same function);
/// gates in PyTorch's order i, f, g, o:
/// i, f, o = σ(·), g = tanh(·) of W_ih x_t + W_hh h_{t-1} + b; c_t = f ⊙ c_{t-1} + i ⊙ g; h_t = o ⊙ tanh(c_t).
/// The reverse direction runs from the region's last row to its first. Rows outside every region are left 0.
///
/// A region is one sequence's consecutive rows (its text's tokens); regions are independent, so they run in
/// parallel, and the parameter gradients are reduced after, over all rows at once (the same bits on any core count).
public struct BiLSTM {
    /// Hidden size per direction, h.
    public let hidden: Int
    /// The input width, C.
    public let input: Int
    let wIH: [Parameter], wHH: [Parameter], bias: [Parameter]   // [direction]

    /// The parameter names' prefix (GLiNER's module is `rnn`).
    public static let prefix = "rnn."

    /// Registers both directions' parameters in `store`, `hidden` wide each.
    init(input: Int, hidden: Int, store: ParameterStore) {
        self.input = input; self.hidden = hidden
        let suffixes = ["l0", "l0_reverse"]
        wIH = suffixes.map { store.add("\(Self.prefix)weight_ih_\($0)", [4 * hidden, input]) }
        wHH = suffixes.map { store.add("\(Self.prefix)weight_hh_\($0)", [4 * hidden, hidden]) }
        bias = suffixes.map { store.add("\(Self.prefix)bias_\($0)", [4 * hidden]) }
    }

    /// What a forward keeps for its backward.
    public final class Cache {
        var rows = 0
        var regions: [Range<Int>] = []
        /// [N, 2h]: the output, each direction's h in its half of the row.
        public let out = Tensor([0])
        let gates: [Tensor] = [Tensor([0]), Tensor([0])]      // [N, 4h] per direction: i, f, g, o after activation
        let cell: [Tensor] = [Tensor([0]), Tensor([0])]       // [N, h] c_t
        let tanhCell: [Tensor] = [Tensor([0]), Tensor([0])]   // [N, h] tanh(c_t)
        let hPrev: [Tensor] = [Tensor([0]), Tensor([0])]      // [N, h] h_{t-1} (0 at a region's first step)
        let dGates = Tensor([0])                              // [N, 4h] pre-activation gradient, one direction at a time
        public init() {}
    }

    /// The rows of region `r` in direction `d`'s time order.
    static func order(_ r: Range<Int>, _ d: Int) -> [Int] { d == 0 ? Array(r) : r.reversed() }

    @inline(__always) static func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

    /// Forward over `x` [N, C] (N = `rows`), each of `regions` on its own; fills `cache.out` [N, 2h].
    public func forward(_ x: UnsafePointer<Float>, rows n: Int, regions: [Range<Int>], store s: ParameterStore,
                        cache k: Cache) {
        let h = hidden, g4 = 4 * h, W = 2 * h
        k.rows = n; k.regions = regions
        k.out.resize([n, W], zero: true)
        for d in 0..<2 {
            k.gates[d].resize([n, g4]); k.cell[d].resize([n, h]); k.tanhCell[d].resize([n, h])
            k.hPrev[d].resize([n, h], zero: true)
            // the input half of every gate, for all rows at once: x W_ihᵀ + b
            Linear.forward(out: k.gates[d].data, inp: x, weight: s.value(wIH[d]), bias: s.value(bias[d]), n: n, c: input, oc: g4)
        }
        let whh = [UnsafePointer(s.value(wHH[0])), UnsafePointer(s.value(wHH[1]))]
        let gates = k.gates.map { UncheckedSendable($0.data) }, cell = k.cell.map { UncheckedSendable($0.data) }
        let tanhCell = k.tanhCell.map { UncheckedSendable($0.data) }, hPrev = k.hPrev.map { UncheckedSendable($0.data) }
        let out = UncheckedSendable(k.out.data)
        Parallel.forEachWithSingleThreadedBLAS(2 * regions.count) { item, _ in
            let d = item % 2, r = regions[item / 2]
            var previous: Int?
            for t in Self.order(r, d) {
                let gt = gates[d].value + t * g4, ht = out.value + t * W + d * h
                if let p = previous {
                    // the recurrent half: gates_t += h_{t-1} W_hhᵀ
                    (hPrev[d].value + t * h).update(from: out.value + p * W + d * h, count: h)
                    BLAS.sgemmSerial(transB: true, m: 1, n: g4, k: h, a: out.value + p * W + d * h, lda: h,
                                     b: whh[d], ldb: h, beta: 1, c: gt, ldc: g4)
                }
                let ct = cell[d].value + t * h, tc = tanhCell[d].value + t * h
                let cPrev = previous.map { UnsafePointer(cell[d].value + $0 * h) }   // c_{t-1}; none at the first step
                for j in 0..<h {
                    let i = Self.sigmoid(gt[j]), f = Self.sigmoid(gt[h + j])
                    let gg = tanhf(gt[2 * h + j]), o = Self.sigmoid(gt[3 * h + j])
                    gt[j] = i; gt[h + j] = f; gt[2 * h + j] = gg; gt[3 * h + j] = o
                    let c = (cPrev.map { f * $0[j] } ?? 0) + i * gg
                    ct[j] = c; tc[j] = tanhf(c); ht[j] = o * tc[j]
                }
                previous = t
            }
        }
    }

    /// Backward of the forward that filled `cache`: from dOut [N, 2h], accumulates dX [N, C] and the parameters'
    /// gradients.
    public func backward(dOut: UnsafePointer<Float>, x: UnsafePointer<Float>, dX: UnsafeMutablePointer<Float>,
                         store s: ParameterStore, cache k: Cache) {
        let h = hidden, g4 = 4 * h, W = 2 * h, n = k.rows
        let regions = k.regions
        for d in 0..<2 {
            k.dGates.resize([n, g4], zero: true)
            let whh = UnsafePointer(s.value(wHH[d]))
            let gates = UncheckedSendable(k.gates[d].data), cell = UncheckedSendable(k.cell[d].data)
            let tanhCell = UncheckedSendable(k.tanhCell[d].data), dGates = UncheckedSendable(k.dGates.data)
            let dOut = UncheckedSendable(dOut)
            Parallel.forEachWithSingleThreadedBLAS(regions.count) { ri, _ in
                var dhNext = [Float](repeating: 0, count: h), dcNext = [Float](repeating: 0, count: h)
                let steps = Self.order(regions[ri], d)
                for (step, t) in steps.enumerated().reversed() {
                    let gt = gates.value + t * g4, dg = dGates.value + t * g4
                    let ct = tanhCell.value + t * h, dh0 = dOut.value + t * W + d * h
                    let prev = step > 0 ? cell.value + steps[step - 1] * h : nil
                    for j in 0..<h {
                        let i = gt[j], f = gt[h + j], gg = gt[2 * h + j], o = gt[3 * h + j], tc = ct[j]
                        let dh = dh0[j] + dhNext[j]
                        let dc = dh * o * (1 - tc * tc) + dcNext[j]
                        dg[j] = dc * gg * i * (1 - i)
                        dg[h + j] = dc * (prev?[j] ?? 0) * f * (1 - f)
                        dg[2 * h + j] = dc * i * (1 - gg * gg)
                        dg[3 * h + j] = dh * tc * o * (1 - o)
                        dcNext[j] = dc * f
                    }
                    if step > 0 {
                        // dh_{t-1} = dGates_t W_hh
                        dhNext.withUnsafeMutableBufferPointer { p in
                            BLAS.sgemmSerial(m: 1, n: h, k: g4, a: dg, lda: g4, b: whh, ldb: h, c: p.baseAddress!, ldc: h)
                        }
                    }
                }
            }
            // dW_hh += dGatesᵀ hPrev; dW_ih += dGatesᵀ x; db += Σ dGates; dX += dGates W_ih
            BLAS.sgemm(transA: true, m: g4, n: h, k: n, a: k.dGates.data, lda: g4, b: k.hPrev[d].data, ldb: h,
                       beta: 1, c: s.grad(wHH[d]), ldc: h)
            Linear.backward(dinp: dX, dweight: s.grad(wIH[d]), dbias: s.grad(bias[d]), dout: k.dGates.data, inp: x,
                            weight: s.value(wIH[d]), n: n, c: input, oc: g4)
        }
    }

    /// Matmul FLOPs of one forward over `rows` rows (2 per multiply-add; both directions).
    public func forwardFLOPs(rows: Int) -> Double { 2 * 2 * Double(rows) * Double(4 * hidden) * Double(input + hidden) }
}
