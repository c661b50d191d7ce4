import Foundation

/// The exact GELU of BERT: x · Φ(x) = 0.5 x (1 + erf(x / √2)) (erf to within 5e-7, see `FastMath.erf`).
///
/// Only the form that keeps gelu′ for backward is here; the plain form lives in the tests, as an oracle.
public enum GELU {
    /// Forward that also keeps the derivative: out[N] = gelu(x) and, in place of x, gelu′(x).
    ///
    /// One exponential serves both: erf(x/√2) ≈ 1 − q(t)·e^(−x²/2) (Abramowitz & Stegun 7.1.26, |error| ≤ 1.5e-7)
    /// and φ(x) = e^(−x²/2)/√(2π). Use `backward(dinp:dout:derivative:count:)` afterwards.
    /// - Parameters:
    ///   - inputThenDerivative: [N] the pre-activations on entry, gelu′ of them on return.
    public static func forward(out: UnsafeMutablePointer<Float>, inputThenDerivative xd: UnsafeMutablePointer<Float>,
                               count: Int) {
        Parallel.chunks(count) { _, r in
            for i in r {
                let x = xd[i]
                let a = Swift.abs(x) * 0.70710678118654752
                let e = FastMath.exp(-a * a)
                let erfAbs = FastMath.erf(nonNegative: a, expOfMinusSquare: e)
                let cdf = 0.5 * (1 + (x < 0 ? -erfAbs : erfAbs))
                out[i] = x * cdf
                xd[i] = cdf + x * 0.39894228040143268 * e
            }
        }
    }

    /// Backward from a kept derivative: dinp[N] += dout · derivative.
    public static func backward(dinp: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>,
                                derivative: UnsafePointer<Float>, count: Int) {
        Parallel.chunks(count) { _, r in
            for i in r { dinp[i] += dout[i] * derivative[i] }
        }
    }
}
