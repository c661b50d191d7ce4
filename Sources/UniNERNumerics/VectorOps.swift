import Foundation

/// Reductions written with SIMD types: the compiler does not vectorise floating-point reductions by itself
/// (it may not reassociate), and these run in the hot loops of softmax, LayerNorm and attention.
public enum VectorOps {
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>, _ i: Int) -> SIMD16<Float> {
        UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<Float>.self)
    }

    /// Σ a[i]·b[i] for i in 0..<n (16 partial sums, then the tail).
    @inline(__always)
    public static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD16<Float>(repeating: 0)
        var i = 0
        while i + 16 <= n { acc += load(a, i) * load(b, i); i += 16 }
        var s = acc.sum()
        while i < n { s += a[i] * b[i]; i += 1 }
        return s
    }

    /// Σ a[i] for i in 0..<n.
    @inline(__always)
    public static func sum(_ a: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD16<Float>(repeating: 0)
        var i = 0
        while i + 16 <= n { acc += load(a, i); i += 16 }
        var s = acc.sum()
        while i < n { s += a[i]; i += 1 }
        return s
    }

    /// Σ (a[i] − m)² for i in 0..<n.
    @inline(__always)
    public static func sumOfSquaredDeviations(_ a: UnsafePointer<Float>, from m: Float, _ n: Int) -> Float {
        var acc = SIMD16<Float>(repeating: 0)
        let vm = SIMD16<Float>(repeating: m)
        var i = 0
        while i + 16 <= n { let d = load(a, i) - vm; acc += d * d; i += 16 }
        var s = acc.sum()
        while i < n { let d = a[i] - m; s += d * d; i += 1 }
        return s
    }

    /// max a[i] over i in 0..<n (−∞ when n == 0).
    @inline(__always)
    public static func max(_ a: UnsafePointer<Float>, _ n: Int) -> Float {
        // Four independent running maxima (scalar compares pipeline well; generic SIMD max is not specialised).
        var m0 = -Float.infinity, m1 = m0, m2 = m0, m3 = m0
        var i = 0
        while i + 4 <= n {
            if a[i] > m0 { m0 = a[i] }
            if a[i + 1] > m1 { m1 = a[i + 1] }
            if a[i + 2] > m2 { m2 = a[i + 2] }
            if a[i + 3] > m3 { m3 = a[i + 3] }
            i += 4
        }
        while i < n { if a[i] > m0 { m0 = a[i] }; i += 1 }
        return Swift.max(Swift.max(m0, m1), Swift.max(m2, m3))
    }

    /// max a[i] over i in 0..<n where mask[i] != 0 (−∞ when none).
    @inline(__always)
    public static func maskedMax(_ a: UnsafePointer<Float>, _ mask: UnsafePointer<Float>, _ n: Int) -> Float {
        var m = -Float.infinity
        for i in 0..<n where mask[i] != 0 && a[i] > m { m = a[i] }
        return m
    }
}
