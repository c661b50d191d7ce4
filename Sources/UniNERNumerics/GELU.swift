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
                let t = 1 / (1 + 0.3275911 * a)
                var q: Float = 1.061405429
                q = q * t - 1.453152027
                q = q * t + 1.421413741
                q = q * t - 0.284496736
                q = q * t + 0.254829592
                let erfAbs = 1 - q * t * e
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
