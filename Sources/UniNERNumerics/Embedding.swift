import Foundation

/// BERT's input embeddings: word + position + token type, summed.
public enum Embedding {
    /// Forward: out[B, T, C] = wte[ids] + wpe[t] + wtt[types].
    ///
    /// - Parameters:
    ///   - ids: [B, T] token ids (each < vocabulary size).
    ///   - types: [B, T] token type ids, or nil for all zeros.
    public static func forward(out: UnsafeMutablePointer<Float>, ids: UnsafePointer<Int32>, types: UnsafePointer<Int32>?,
                               wte: UnsafePointer<Float>, wpe: UnsafePointer<Float>, wtt: UnsafePointer<Float>,
                               b: Int, t: Int, c: Int) {
        for bi in 0..<b {
            for ti in 0..<t {
                let n = bi * t + ti
                let o = out + n * c
                let w = wte + Int(ids[n]) * c, p = wpe + ti * c, y = wtt + Int(types?[n] ?? 0) * c
                for j in 0..<c { o[j] = w[j] + p[j] + y[j] }
            }
        }
    }

    /// Backward: scatter-adds dout[B, T, C] into the rows of dwte, dwpe and dwtt that forward read.
    public static func backward(dwte: UnsafeMutablePointer<Float>, dwpe: UnsafeMutablePointer<Float>,
                                dwtt: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>,
                                ids: UnsafePointer<Int32>, types: UnsafePointer<Int32>?, b: Int, t: Int, c: Int) {
        for bi in 0..<b {
            for ti in 0..<t {
                let n = bi * t + ti
                let d = dout + n * c
                let w = dwte + Int(ids[n]) * c, p = dwpe + ti * c, y = dwtt + Int(types?[n] ?? 0) * c
                for j in 0..<c { w[j] += d[j]; p[j] += d[j]; y[j] += d[j] }
            }
        }
    }
}
