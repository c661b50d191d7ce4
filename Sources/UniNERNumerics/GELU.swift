import Foundation

/// The exact GELU of BERT: x · Φ(x) = 0.5 x (1 + erf(x / √2)) (erf to within 2e-7, see `FastMath.erf`).
public enum GELU {
    /// Forward: out[N] = gelu(inp[N]).
    public static func forward(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, count: Int) {
        Parallel.chunks(count) { _, r in
            for i in r {
                let x = inp[i]
                out[i] = 0.5 * x * (1 + FastMath.erf(x * 0.70710678118654752))
            }
        }
    }

    /// Backward: dinp[N] += dout · gelu′(inp), gelu′(x) = Φ(x) + x φ(x).
    public static func backward(dinp: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>,
                                inp: UnsafePointer<Float>, count: Int) {
        Parallel.chunks(count) { _, r in
            for i in r {
                let x = inp[i]
                let cdf = 0.5 * (1 + FastMath.erf(x * 0.70710678118654752))
                let pdf = 0.39894228040143268 * FastMath.exp(-0.5 * x * x)
                dinp[i] += dout[i] * (cdf + x * pdf)
            }
        }
    }
}
