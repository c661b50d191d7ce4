import Foundation

/// A fully connected layer, y = x Wᵀ + b, with the Hugging Face weight layout [out, in].
public enum Linear {
    /// Forward: out[N, OC] = inp[N, C] · weight[OC, C]ᵀ + bias[OC].
    ///
    /// - Parameters:
    ///   - ldw: leading dimension of `weight` (default `c`; larger when the weight is a column block of a wider matrix).
    public static func forward(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>,
                               weight: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                               n: Int, c: Int, oc: Int, ldw: Int? = nil) {
        // out: [N, OC]
        if let bias {
            Parallel.chunks(n, grain: max(1, 65_536 / oc)) { _, rows in
                for i in rows { (out + i * oc).update(from: bias, count: oc) }
            }
        }
        BLAS.sgemm(transB: true, m: n, n: oc, k: c, a: inp, lda: c, b: weight, ldb: ldw ?? c,
                   beta: bias == nil ? 0 : 1, c: out, ldc: oc)
    }

    /// Backward: dinp[N, C] += dout · W, dweight[OC, C] += doutᵀ · inp, dbias[OC] += Σₙ dout.
    public static func backward(dinp: UnsafeMutablePointer<Float>?, dweight: UnsafeMutablePointer<Float>?,
                                dbias: UnsafeMutablePointer<Float>?, dout: UnsafePointer<Float>,
                                inp: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                                n: Int, c: Int, oc: Int, ldw: Int? = nil) {
        let ldw = ldw ?? c
        if let dinp {
            // [N, OC] · [OC, C] -> [N, C]
            BLAS.sgemm(m: n, n: c, k: oc, a: dout, lda: oc, b: weight, ldb: ldw, beta: 1, c: dinp, ldc: c)
        }
        if let dweight {
            // [OC, N] · [N, C] -> [OC, C]
            BLAS.sgemm(transA: true, m: oc, n: c, k: n, a: dout, lda: oc, b: inp, ldb: c, beta: 1, c: dweight, ldc: ldw)
        }
        if let dbias {
            // Column sums, split by columns (each worker owns a column range; sums run in row order).
            Parallel.chunks(oc, grain: max(1, 65_536 / max(1, n))) { _, cols in
                for i in 0..<n {
                    let row = dout + i * oc
                    for o in cols { dbias[o] += row[o] }
                }
            }
        }
    }
}
