import Foundation

/// Layer normalisation over the last dimension, as in BERT (biased variance, eps inside the square root).
public enum LayerNorm {
    /// The per-row statistics kept from forward for backward.
    public final class Cache {
        /// [N] row means.
        public let mean = Tensor([0])
        /// [N] reciprocal standard deviations.
        public let rstd = Tensor([0])
        let partial = Tensor([0])
        public init() {}
    }

    /// Forward: out[N, C] = (inp − mean) · rstd · weight + bias.
    public static func forward(out: UnsafeMutablePointer<Float>, cache: Cache, inp: UnsafePointer<Float>,
                               weight: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                               n: Int, c: Int, eps: Float) {
        cache.mean.resize([n]); cache.rstd.resize([n])
        let meanP = cache.mean.data, rstdP = cache.rstd.data
        Parallel.chunks(n, grain: max(1, 16_384 / c)) { _, rows in
          for i in rows {
            let x = inp + i * c
            // sums in 16 lanes (VectorOps): the same order on every machine, and not one long dependency chain
            let m = VectorOps.sum(x, c) / Float(c)
            let v = VectorOps.sumOfSquaredDeviations(x, from: m, c) / Float(c)
            let s = 1 / (v + eps).squareRoot()
            let o = out + i * c
            for j in 0..<c { o[j] = (x[j] - m) * s * weight[j] + bias[j] }
            meanP[i] = m; rstdP[i] = s
          }
        }
    }

    /// Backward: accumulates dinp[N, C], dweight[C], dbias[C]; with `accumulate` false, dinp is written as 0 + its
    /// gradient instead (the bits of zeroing it first, without the pass that zeroes it).
    public static func backward(dinp: UnsafeMutablePointer<Float>, dweight: UnsafeMutablePointer<Float>,
                                dbias: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>,
                                inp: UnsafePointer<Float>, weight: UnsafePointer<Float>, cache: Cache,
                                n: Int, c: Int, accumulate: Bool = true) {
        let meanP = cache.mean.data, rstdP = cache.rstd.data
        // dweight and dbias are summed per fixed block of rows, then over blocks in order (deterministic).
        let rowsPerBlock = 64
        let nb = (n + rowsPerBlock - 1) / rowsPerBlock
        cache.partial.resize([nb, 2, c], zero: true)
        let partial = cache.partial.data
        Parallel.blocks(n, blockSize: rowsPerBlock) { block, rows in
          let pw = partial + block * 2 * c, pb = pw + c
          for i in rows {
            let x = inp + i * c, dy = dout + i * c, dx = dinp + i * c
            let m = meanP[i], s = rstdP[i]
            // the two row sums in 16 lanes (as VectorOps does), then the tail
            var accMean = SIMD16<Float>(repeating: 0), accNormMean = SIMD16<Float>(repeating: 0)
            let vm = SIMD16<Float>(repeating: m), vs = SIMD16<Float>(repeating: s)
            var j = 0
            while j + 16 <= c {
                let norm = (VectorOps.load(x, j) - vm) * vs
                let dnorm = VectorOps.load(weight, j) * VectorOps.load(dy, j)
                accMean += dnorm
                accNormMean += dnorm * norm
                j += 16
            }
            var dnormMean = accMean.sum(), dnormNormMean = accNormMean.sum()
            while j < c {
                let norm = (x[j] - m) * s
                let dnorm = weight[j] * dy[j]
                dnormMean += dnorm
                dnormNormMean += dnorm * norm
                j += 1
            }
            dnormMean /= Float(c); dnormNormMean /= Float(c)
            for j in 0..<c {
                let norm = (x[j] - m) * s
                let dnorm = weight[j] * dy[j]
                pb[j] += dy[j]
                pw[j] += norm * dy[j]
                dx[j] = (accumulate ? dx[j] : 0) + (dnorm - dnormMean - norm * dnormNormMean) * s
            }
          }
        }
        for block in 0..<nb {
            let pw = partial + block * 2 * c, pb = pw + c
            for j in 0..<c { dweight[j] += pw[j]; dbias[j] += pb[j] }
        }
    }
}
