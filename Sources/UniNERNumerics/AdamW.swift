import Foundation

/// AdamW (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", 2019), as in PyTorch's `torch.optim.AdamW`:
/// p ← p − lr·wd·p; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; p ← p − lr·m̂ / (√v̂ + ε).
public final class AdamW {
    public var beta1: Float, beta2: Float, eps: Float, weightDecay: Float
    /// Steps taken so far (bias correction uses step after increment).
    public private(set) var step: Int = 0
    /// First and second moments, laid out as the store.
    public let m: Tensor, v: Tensor

    public init(parameterCount: Int, beta1: Float = 0.9, beta2: Float = 0.999, eps: Float = 1e-8, weightDecay: Float = 0.01) {
        self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        m = Tensor([parameterCount]); v = Tensor([parameterCount])
    }

    /// One update of every parameter of `store`; `learningRate(p)` gives each parameter's rate (0 freezes it).
    /// Weight decay applies to parameters whose `decay` flag is set.
    public func update(_ store: ParameterStore, learningRate: (Parameter) -> Float) {
        precondition(store.totalCount == m.count, "AdamW state does not match the store")
        step += 1
        let bc1 = 1 - Float(Foundation.pow(Double(beta1), Double(step)))
        let bc2 = 1 - Float(Foundation.pow(Double(beta2), Double(step)))
        let b1 = beta1, b2 = beta2, e = eps
        for p in store.parameters {
            let lr = learningRate(p)
            if lr == 0 { continue }
            let wd = p.decay ? weightDecay : 0
            let w = store.value(p), g = store.grad(p), mp = m.data + p.offset, vp = v.data + p.offset
            for i in 0..<p.count {
                let gi = g[i]
                let mi = b1 * mp[i] + (1 - b1) * gi
                let vi = b2 * vp[i] + (1 - b2) * gi * gi
                mp[i] = mi; vp[i] = vi
                let mhat = mi / bc1, vhat = vi / bc2
                w[i] -= lr * (mhat / (vhat.squareRoot() + e) + wd * w[i])
            }
        }
    }

    /// Restores the step count (for checkpoints; the moments are restored through `m` and `v`).
    public func restore(step: Int) { self.step = step }

    /// The L2 norm of all gradients of `store` (accumulated in Double).
    public static func gradientNorm(_ store: ParameterStore) -> Float {
        let g = store.grads.data
        var s: Double = 0
        for i in 0..<store.totalCount { let x = Double(g[i]); s += x * x }
        return Float(s.squareRoot())
    }

    /// Scales all gradients so that their global L2 norm is at most `maxNorm`; returns the norm before clipping.
    @discardableResult
    public static func clipGradients(_ store: ParameterStore, maxNorm: Float) -> Float {
        let norm = gradientNorm(store)
        if maxNorm > 0, norm > maxNorm {
            let s = maxNorm / (norm + 1e-6)
            let g = store.grads.data
            for i in 0..<store.totalCount { g[i] *= s }
        }
        return norm
    }
}
