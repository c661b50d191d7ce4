import Foundation

/// Sigmoid binary cross-entropy on logits, numerically stable: max(x, 0) − x·y + log(1 + e^(−|x|)); with a focusing
/// exponent γ > 0, the focal loss of Lin et al. (2017), (1 − q)^γ · bce, where q is the probability given to the
/// target (σ(x) for a gold pair, 1 − σ(x) for a negative): pairs the model already gets right weigh less, so the
/// thousand easy negatives of a sentence stop drowning its few hard ones (GLiNER's `loss_gamma`). γ = 0 is the
/// plain loss, computed by the same code as before the option existed.
public enum BinaryCrossEntropy {
    /// Forward: Σᵢ weight[i] · (1 − qᵢ)^γ · bce(logits[i], targets[i]) over logits, targets, weights [N],
    /// accumulated in Double; weight nil means 1. Targets are 0 or 1.
    public static func forward(logits: UnsafePointer<Float>, targets: UnsafePointer<Float>,
                               weights: UnsafePointer<Float>?, count: Int, gamma: Float = 0) -> Double {
        var total: Double = 0
        for i in 0..<count {
            let w = weights?[i] ?? 1
            if w == 0 { continue }
            let x = logits[i], y = targets[i]
            let l = loss(x, y)
            if gamma == 0 {
                total += Double(w * l)
            } else {
                // 1 − q = σ(−z) with z = x for a gold pair, −x for a negative: exact for large |x|.
                let miss = sigmoid(y != 0 ? -x : x)
                total += Double(w * powf(miss, gamma) * l)
            }
        }
        return total
    }

    /// Backward: dlogits[N] += scale · weight · ∂loss/∂logit; for γ = 0 that is σ(logits) − targets, else
    /// s · (1 − q)^γ · (γ · q · log q − (1 − q)) with s = +1 for a gold pair and −1 for a negative.
    public static func backward(dlogits: UnsafeMutablePointer<Float>, logits: UnsafePointer<Float>,
                                targets: UnsafePointer<Float>, weights: UnsafePointer<Float>?,
                                count: Int, scale: Float, gamma: Float = 0) {
        for i in 0..<count {
            let w = weights?[i] ?? 1
            if w == 0 { continue }
            if gamma == 0 {
                dlogits[i] += scale * w * (sigmoid(logits[i]) - targets[i])
            } else {
                let gold = targets[i] != 0
                let z = gold ? logits[i] : -logits[i]
                let q = sigmoid(z), miss = sigmoid(-z)
                let logQ = -loss(logits[i], targets[i])   // log σ(z): bce is −log q, finite for any logit
                let d = powf(miss, gamma) * (gamma * q * logQ - miss)
                dlogits[i] += scale * w * (gold ? d : -d)
            }
        }
    }

    /// bce(x, y) = −log q for a target y of 0 or 1, stable for large |x|.
    @inline(__always)
    static func loss(_ x: Float, _ y: Float) -> Float { max(x, 0) - x * y + log1pf(expf(-abs(x))) }

    /// The logistic function, stable for large |x|.
    @inline(__always)
    public static func sigmoid(_ x: Float) -> Float {
        if x >= 0 { return 1 / (1 + expf(-x)) }
        let e = expf(x)
        return e / (1 + e)
    }
}
