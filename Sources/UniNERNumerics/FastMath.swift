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

    /// erf(x) for Float: odd Taylor-like polynomial near 0, Abramowitz & Stegun 7.1.26-style tail elsewhere;
    /// absolute error below 2e-7.
    @inline(__always)
    public static func erf(_ v: Float) -> Float {
        let a = Swift.abs(v)
        // |x| < 0.5: erf(x) = 2/√π (x − x³/3 + x⁵/10 − x⁷/42 + x⁹/216 − x¹¹/1320), error < 1e-8 there.
        let x2 = a * a
        var s: Float = -1.0 / 1320
        s = s * x2 + 1.0 / 216
        s = s * x2 - 1.0 / 42
        s = s * x2 + 1.0 / 10
        s = s * x2 - 1.0 / 3
        s = s * x2 + 1
        let small = 1.12837916709551257 * a * s
        // |x| ≥ 0.5: A&S 7.1.26, 1 − poly(t) e^(−x²), t = 1 / (1 + p x); absolute error ≤ 1.5e-7.
        let t = 1 / (1 + 0.3275911 * a)
        var q: Float = 1.061405429
        q = q * t - 1.453152027
        q = q * t + 1.421413741
        q = q * t - 0.284496736
        q = q * t + 0.254829592
        let large = 1 - q * t * exp(-x2)
        let r = a < 0.5 ? small : large
        return v < 0 ? -r : r
    }
}
