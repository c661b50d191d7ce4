import Foundation
@testable import UniNERNumerics

/// Plain, unfused forms of what the numerics compute fused, in place or with approximations, written from the
/// textbook formulas with libm, to check the fast code against.
enum Oracle {
    /// gelu(x) = 0.5 x (1 + erf(x / √2)), libm's erf.
    static func gelu(_ x: Float) -> Float { Float(0.5 * Double(x) * (1 + erf(Double(x) / 2.0.squareRoot()))) }

    /// gelu′(x) = Φ(x) + x φ(x).
    static func geluDerivative(_ x: Float) -> Float {
        let v = Double(x)
        return Float(0.5 * (1 + erf(v / 2.0.squareRoot())) + v * exp(-0.5 * v * v) / (2 * Double.pi).squareRoot())
    }

    /// Softmax of one row, max-subtracted, in Double.
    static func softmax(_ row: [Double]) -> [Double] {
        let m = row.max() ?? 0
        let e = row.map { exp($0 - m) }
        let sum = e.reduce(0, +)
        return e.map { $0 / sum }
    }

    /// Multi-head self-attention out [B, T, C] from qkv [B, T, 3C] (query, key, value column blocks) with a
    /// key padding mask [B, T]: per head h, softmax over the unmasked keys of Qₕ Kₕᵀ / √d, times Vₕ. Mask values
    /// ≥ 2 are private blocks: their rows see block 1 and their own block; other rows see block 1 only.
    static func attention(qkv: [Float], mask: [Int32], b B: Int, t T: Int, c C: Int, heads NH: Int) -> [Float] {
        let hs = C / NH, scale = 1 / Double(hs).squareRoot()
        var out = [Float](repeating: 0, count: B * T * C)
        func at(_ b: Int, _ t: Int, _ block: Int, _ h: Int, _ j: Int) -> Double {
            Double(qkv[(b * T + t) * 3 * C + block * C + h * hs + j])
        }
        for b in 0..<B {
            let m = Array(mask[(b * T)..<(b * T + T)])
            if !m.contains(where: { $0 != 0 }) { continue }
            for h in 0..<NH {
                for t in 0..<T {
                    // block masks: 1 is the shared block, k >= 2 private block k (sees the shared block and itself)
                    let keys = (0..<T).filter { j in m[j] == 1 || (m[t] > 1 && m[j] == m[t]) }
                    if keys.isEmpty { continue }
                    let scores = keys.map { k in (0..<hs).reduce(0.0) { $0 + at(b, t, 0, h, $1) * at(b, k, 1, h, $1) } * scale }
                    let p = softmax(scores)
                    for j in 0..<hs {
                        out[(b * T + t) * C + h * hs + j] = Float(zip(keys, p).reduce(0.0) { $0 + $1.1 * at(b, $1.0, 2, h, j) })
                    }
                }
            }
        }
        return out
    }
}
