import CKernels
import Foundation

/// Multi-head scaled dot-product self-attention over a fused [B, T, 3C] query/key/value tensor,
/// with a key padding mask and optional dropout on the attention probabilities.
///
/// The mask may also carry blocks (`AttentionBlocks`): 1 marks the shared block, k ≥ 2 a private one. A token of
/// the shared block attends to the shared block only; a token of private block k to the shared block and to
/// block k. A mask of 1s and 0s is the plain padding mask. Backward needs no mask of its own: a key a row may
/// not see has probability exactly 0, so its score gets no gradient.
///
/// The (sequence, head) blocks run concurrently, each with single-threaded sgemm calls and its own scratch.
public enum Attention {
    /// What forward keeps for backward.
    public final class Cache {
        /// [B, NH, T, T] attention probabilities before dropout (only the first `keyLength[b]` columns are used).
        public let probs = Tensor([0])
        /// [B] the number of key positions up to and including the last unmasked one.
        public fileprivate(set) var keyLength: [Int] = []
        /// Dropout keep flags on the probabilities, [B, NH, T, T].
        public let dropout = Dropout.Cache()
        fileprivate let scratchP = Tensor([0])   // [maxWorkers, T, T]: any worker index fits, whatever setWorkers says
        fileprivate let scratchD = Tensor([0])   // [maxWorkers, T, T]
        fileprivate let maskF = Tensor([0])      // [B, T] the key mask as 1/0 floats
        fileprivate let rowMask = Tensor([0])    // [maxWorkers, T]: one query row's allowed keys, blocked masks only
        public init() {}
    }

    /// Forward: out[B, T, C] = concatₕ softmax(Qₕ Kₕᵀ / √d + mask) Vₕ.
    ///
    /// - Parameters:
    ///   - qkv: [B, T, 3C], query in columns 0..<C, key in C..<2C, value in 2C..<3C.
    ///   - mask: [B, T] 1 for real tokens, 0 for padding (padding keys get probability 0); values ≥ 2 mark
    ///     private blocks (see the type's comment).
    ///   - dropoutP: drop probability on the attention probabilities (0 at inference).
    public static func forward(out: UnsafeMutablePointer<Float>, cache: Cache, qkv: UnsafePointer<Float>,
                               mask: UnsafePointer<Int32>, b: Int, t: Int, c: Int, heads nh: Int,
                               dropoutP: Float = 0, rng: inout RandomGenerator) {
        let hs = c / nh
        let scale = 1 / Float(hs).squareRoot()
        cache.probs.resize([b, nh, t, t])
        let keyLength = (0..<b).map { bi in
            var last = -1
            for ti in 0..<t where mask[bi * t + ti] != 0 { last = ti }
            return last + 1
        }
        cache.keyLength = keyLength
        cache.maskF.resize([b, t])
        for i in 0..<(b * t) { cache.maskF.data[i] = mask[i] != 0 ? 1 : 0 }
        let maskF = cache.maskF.data
        let blocked = (0..<b).map { bi in (0..<t).contains { mask[bi * t + $0] > 1 } }
        cache.rowMask.resize([Parallel.maxWorkers, t])
        let rowMasks = cache.rowMask.data
        cache.scratchP.resize([Parallel.maxWorkers, t, t])
        if dropoutP > 0 { cache.dropout.reserve(b * nh * t * t) }
        cache.dropout.p = dropoutP
        let seed = dropoutP > 0 ? rng.next() : 0
        let wide: Int32 = Kernels.avx2 ? 1 : 0
        let c3 = 3 * c
        let probs = cache.probs.data, keepAll = cache.dropout.keep, scratch = cache.scratchP.data
        Parallel.forEachWithSingleThreadedBLAS(b * nh) { bh, worker in
            let bi = bh / nh, h = bh % nh
            let L = keyLength[bi]
            let q = qkv + bi * t * c3 + h * hs, k = q + c, v = q + 2 * c
            let o = out + bi * t * c + h * hs
            if L == 0 {
                for ti in 0..<t { (o + ti * c).update(repeating: 0, count: hs) }
                return
            }
            let p = probs + bh * t * t
            // scores [T, L] = scale · Q [T, hs] · K[L, hs]ᵀ, stored with row stride T
            BLAS.sgemmSerial(transB: true, m: t, n: L, k: hs, alpha: scale, a: q, lda: c3, b: k, ldb: c3, c: p, ldc: t)
            let keys = UnsafePointer(maskF + bi * t)
            let dense = !blocked[bi] && VectorOps.sum(keys, L) == Float(L)   // no padding among the first L keys
            let blocks = mask + bi * t
            let rowMask = rowMasks + worker * t
            for ti in 0..<t {
                var m = keys
                if blocked[bi] {
                    // the keys this row may see: the shared block, and its own block when it is a private one
                    let own = blocks[ti]
                    for j in 0..<L { rowMask[j] = blocks[j] == 1 || (own > 1 && blocks[j] == own) ? 1 : 0 }
                    m = UnsafePointer(rowMask)
                }
                let row = p + ti * t
                if dense {
                    // every key visible: the C kernel (AVX2 where the CPU has it, the same bits either way)
                    Kernels.softmaxRow(row, count: L)
                    continue
                }
                // masked softmax over the first L keys; masked keys get exactly 0
                let mx = VectorOps.maskedMax(row, m, L)
                if mx == -Float.infinity {
                    // a padding row of a sequence without a shared block sees no key: it reads nothing
                    row.update(repeating: 0, count: L)
                    continue
                }
                // a hidden key's score may exceed the row's max by any amount: never exponentiate it (inf · 0)
                for j in 0..<L { row[j] = m[j] != 0 ? FastMath.exp(row[j] - mx) : 0 }
                let inv = 1 / VectorOps.sum(row, L)
                for j in 0..<L { row[j] *= inv }
            }
            var pv = UnsafePointer(p)
            if dropoutP > 0 {
                let keep = keepAll + bh * t * t
                let d = scratch + worker * t * t
                let s = 1 / (1 - dropoutP)
                let threshold = Dropout.threshold(dropoutP)
                for ti in 0..<t {
                    // element j of the row has index (bh · T + ti) · T + j in the mask's hash stream
                    let first = UInt32(truncatingIfNeeded: (bh * t + ti) * t), at = ti * t
                    uniner_dropout_mask(d + at, p + at, nil, keep + at, L, seed, first, threshold, s, wide)
                }
                pv = UnsafePointer(d)
            }
            // out [T, hs] = P [T, L] · V [L, hs]
            BLAS.sgemmSerial(m: t, n: hs, k: L, a: pv, lda: t, b: v, ldb: c3, c: o, ldc: c)
        }
    }

    /// Backward: dqkv[B, T, 3C] += ∂loss/∂qkv given dout[B, T, C].
    public static func backward(dqkv: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>, qkv: UnsafePointer<Float>,
                                mask: UnsafePointer<Int32>, cache: Cache, b: Int, t: Int, c: Int, heads nh: Int) {
        let hs = c / nh
        let scale = 1 / Float(hs).squareRoot()
        let c3 = 3 * c
        let dropP = cache.dropout.p
        let wide: Int32 = Kernels.avx2 ? 1 : 0
        cache.scratchP.resize([Parallel.maxWorkers, t, t]); cache.scratchD.resize([Parallel.maxWorkers, t, t])
        let keyLength = cache.keyLength
        let probs = cache.probs.data, keepAll = cache.dropout.keep
        let scratchP = cache.scratchP.data, scratchD = cache.scratchD.data
        Parallel.forEachWithSingleThreadedBLAS(b * nh) { bh, worker in
            let bi = bh / nh, h = bh % nh
            let L = keyLength[bi]
            if L == 0 { return }
            let q = qkv + bi * t * c3 + h * hs, k = q + c, v = q + 2 * c
            let dq = dqkv + bi * t * c3 + h * hs, dk = dq + c, dv = dq + 2 * c
            let dO = dout + bi * t * c + h * hs
            let p = probs + bh * t * t
            let dP = scratchD + worker * t * t
            var pv = UnsafePointer(p)
            let keep = keepAll + bh * t * t
            let s: Float = dropP > 0 ? 1 / (1 - dropP) : 1
            if dropP > 0 {
                let d = scratchP + worker * t * t
                for ti in 0..<t { uniner_dropout_apply(d + ti * t, p + ti * t, keep + ti * t, L, s, wide) }
                pv = UnsafePointer(d)
            }
            // dV [L, hs] += Pᵀ [L, T] · dO [T, hs]
            BLAS.sgemmSerial(transA: true, m: L, n: hs, k: t, a: pv, lda: t, b: dO, ldb: c, beta: 1, c: dv, ldc: c3)
            // dP [T, L] = dO [T, hs] · V [L, hs]ᵀ
            BLAS.sgemmSerial(transB: true, m: t, n: L, k: hs, a: dO, lda: c, b: v, ldb: c3, c: dP, ldc: t)
            // through dropout, then softmax: dS = P ⊙ (dP − Σ dP ⊙ P)
            for ti in 0..<t {
                let row = dP + ti * t, prow = p + ti * t
                if dropP > 0 { uniner_dropout_apply(row, row, keep + ti * t, L, s, wide) }
                let dot = VectorOps.dot(row, prow, L)
                for j in 0..<L { row[j] = prow[j] * (row[j] - dot) }
            }
            // dQ [T, hs] += scale · dS [T, L] · K [L, hs]
            BLAS.sgemmSerial(m: t, n: hs, k: L, alpha: scale, a: dP, lda: t, b: k, ldb: c3, beta: 1, c: dq, ldc: c3)
            // dK [L, hs] += scale · dSᵀ [L, T] · Q [T, hs]
            BLAS.sgemmSerial(transA: true, m: L, n: hs, k: t, alpha: scale, a: dP, lda: t, b: q, ldb: c3, beta: 1, c: dk, ldc: c3)
        }
    }
}
