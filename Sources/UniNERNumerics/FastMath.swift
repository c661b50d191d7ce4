import Foundation

/// Branch-free exp and erf in plain arithmetic, so that loops calling them vectorise (libm calls do not).
public enum FastMath {
    /// e^x for Float, Cephes-style: range reduction by ln 2 and a degree-6 polynomial; relative error ≈ 2e-7.
    /// Inputs below −87.3 give ≈ 1e-38 rather than 0 (callers treat that as zero).
    @inline(__always)
    public static func exp(_ v: Float) -> Float {
        let x = Swift.min(Swift.max(v, -87.3), 88.7)
        // Round to nearest by adding and removing 1.5·2²³ (no libm call, so the loop vectorises on plain SSE2).
        let n = (x * 1.44269504088896341 + 12_582_912) - 12_582_912
        let r = x - n * 0.693359375 + n * 2.12194440e-4
        var p: Float = 1.9875691500e-4
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let y = p * r * r + r + 1
        return y * Float(bitPattern: UInt32(truncatingIfNeeded: Int32(n) + 127) << 23)
    }

    /// erf(a) for a ≥ 0 given e = e^(−a²): 1 − q(t)·t·e with t = 1 / (1 + 0.3275911 a), Abramowitz & Stegun
    /// 7.1.26 (absolute error ≤ 1.5e-7 in exact arithmetic, below 5e-7 in Float). The caller passes the exponential so that GELU can reuse it for φ.
    @inline(__always)
    public static func erf(nonNegative a: Float, expOfMinusSquare e: Float) -> Float {
        let t = 1 / (1 + 0.3275911 * a)
        var q: Float = 1.061405429
        q = q * t - 1.453152027
        q = q * t + 1.421413741
        q = q * t - 0.284496736
        q = q * t + 0.254829592
        return 1 - q * t * e
    }
}
