import Foundation

/// The exact GELU of BERT: x · Φ(x) = 0.5 x (1 + erf(x / √2)).
public enum GELU {
    /// Forward: out[N] = gelu(inp[N]).
    public static func forward(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, count: Int) {
        let r: Float = 0.70710678118654752
        for i in 0..<count {
            let x = inp[i]
            out[i] = 0.5 * x * (1 + erff(x * r))
        }
    }

    /// Backward: dinp[N] += dout · gelu′(inp), gelu′(x) = Φ(x) + x φ(x).
    public static func backward(dinp: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>,
                                inp: UnsafePointer<Float>, count: Int) {
        let r: Float = 0.70710678118654752
        let invSqrt2Pi: Float = 0.39894228040143268
        for i in 0..<count {
            let x = inp[i]
            let cdf = 0.5 * (1 + erff(x * r))
            let pdf = invSqrt2Pi * expf(-0.5 * x * x)
            dinp[i] += dout[i] * (cdf + x * pdf)
        }
    }
}
