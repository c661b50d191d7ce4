import Foundation

/// Row-wise softmax over the last dimension.
public enum Softmax {
    /// Forward: out[N, C] = softmax(inp[N, C]) per row (max-subtracted).
    public static func forward(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, n: Int, c: Int) {
        for i in 0..<n { row(out: out + i * c, inp: inp + i * c, count: c) }
    }

    /// Softmax of one row of `count` values; `inp` and `out` may alias.
    @inline(__always)
    static func row(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, count: Int) {
        var mx = -Float.infinity
        for j in 0..<count where inp[j] > mx { mx = inp[j] }
        var sum: Float = 0
        for j in 0..<count { let e = expf(inp[j] - mx); out[j] = e; sum += e }
        let inv = 1 / sum
        for j in 0..<count { out[j] *= inv }
    }

    /// Backward: dinp[N, C] += out ⊙ (dout − Σ dout ⊙ out), using the forward output.
    public static func backward(dinp: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>,
                                out: UnsafePointer<Float>, n: Int, c: Int) {
        for i in 0..<n {
            let y = out + i * c, dy = dout + i * c, dx = dinp + i * c
            var dot: Float = 0
            for j in 0..<c { dot += dy[j] * y[j] }
            for j in 0..<c { dx[j] += y[j] * (dy[j] - dot) }
        }
    }
}
