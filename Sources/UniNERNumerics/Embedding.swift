import Foundation

/// BERT's input embeddings: word + position + token type, summed.
public enum Embedding {
    /// Forward: out[B, T, C] = wte[ids] + wpe[positions] + wtt[types].
    ///
    /// - Parameters:
    ///   - ids: [B, T] token ids (each < vocabulary size).
    ///   - types: [B, T] token type ids, or nil for all zeros.
    ///   - positions: [B, T] position ids (each < the table's rows), or nil for 0..<T in every sequence.
    public static func forward(out: UnsafeMutablePointer<Float>, ids: UnsafePointer<Int32>, types: UnsafePointer<Int32>?,
                               positions: UnsafePointer<Int32>? = nil,
                               wte: UnsafePointer<Float>, wpe: UnsafePointer<Float>, wtt: UnsafePointer<Float>,
                               b: Int, t: Int, c: Int) {
        Parallel.chunks(b * t, grain: max(1, 16_384 / c)) { _, rows in
            for n in rows {
                let o = out + n * c
                let w = wte + Int(ids[n]) * c, p = wpe + Int(positions?[n] ?? Int32(n % t)) * c
                let y = wtt + Int(types?[n] ?? 0) * c
                for j in 0..<c { o[j] = w[j] + p[j] + y[j] }
            }
        }
    }

    /// Backward: scatter-adds dout[B, T, C] into the rows of dwte, dwpe and dwtt that forward read
    /// (dwte nil: the word table is frozen and gets no gradient).
    public static func backward(dwte: UnsafeMutablePointer<Float>?, dwpe: UnsafeMutablePointer<Float>,
                                dwtt: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>,
                                ids: UnsafePointer<Int32>, types: UnsafePointer<Int32>?, positions: UnsafePointer<Int32>? = nil,
                                b: Int, t: Int, c: Int) {
        // Rows of the tables repeat across tokens, so workers split the columns, not the tokens.
        Parallel.chunks(c, grain: max(1, 65_536 / max(1, b * t))) { _, cols in
            for n in 0..<(b * t) {
                let d = dout + n * c
                let p = dwpe + Int(positions?[n] ?? Int32(n % t)) * c
                let y = dwtt + Int(types?[n] ?? 0) * c
                if let dwte {
                    let w = dwte + Int(ids[n]) * c
                    for j in cols { w[j] += d[j]; p[j] += d[j]; y[j] += d[j] }
                } else {
                    for j in cols { p[j] += d[j]; y[j] += d[j] }
                }
            }
        }
    }
}
