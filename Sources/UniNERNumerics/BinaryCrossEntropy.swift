import Foundation

/// Sigmoid binary cross-entropy on logits, numerically stable: max(x, 0) − x·y + log(1 + e^(−|x|)).
public enum BinaryCrossEntropy {
    /// Forward: Σᵢ weight[i] · bce(logits[i], targets[i]) over logits, targets, weights [N], accumulated in
    /// Double; weight nil means 1.
    public static func forward(logits: UnsafePointer<Float>, targets: UnsafePointer<Float>,
                               weights: UnsafePointer<Float>?, count: Int) -> Double {
        var total: Double = 0
        for i in 0..<count {
            let w = weights?[i] ?? 1
            if w == 0 { continue }
            let x = logits[i], y = targets[i]
            let l = max(x, 0) - x * y + log1pf(expf(-abs(x)))
            total += Double(w * l)
        }
        return total
    }

    /// Backward: dlogits[N] += scale · weight · (σ(logits) − targets).
    public static func backward(dlogits: UnsafeMutablePointer<Float>, logits: UnsafePointer<Float>,
                                targets: UnsafePointer<Float>, weights: UnsafePointer<Float>?,
                                count: Int, scale: Float) {
        for i in 0..<count {
            let w = weights?[i] ?? 1
            if w == 0 { continue }
            dlogits[i] += scale * w * (sigmoid(logits[i]) - targets[i])
        }
    }

    /// The logistic function, stable for large |x|.
    @inline(__always)
    public static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + expf(-x)) }
        let e = expf(x)
        return e / (1 + e)
    }
}
