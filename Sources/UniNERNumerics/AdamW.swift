import Foundation

/// AdamW (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", 2019), as in PyTorch's `torch.optim.AdamW`:
/// p ← p − lr·wd·p; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; p ← p − lr·m̂ / (√v̂ + ε).
public final class AdamW {
    /// Moment decay rates, epsilon and decoupled weight decay.
    public var beta1: Float, beta2: Float, eps: Float, weightDecay: Float
    /// Steps taken so far (bias correction uses step after increment).
    public private(set) var step: Int = 0
    /// First and second moments, laid out as the store.
    public let m: Tensor, v: Tensor

    /// Zero moments for a store of `parameterCount` scalars.
    public init(parameterCount: Int, beta1: Float = 0.9, beta2: Float = 0.999, eps: Float = 1e-8, weightDecay: Float = 0.01) {
        self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.weightDecay = weightDecay
        m = Tensor([parameterCount]); v = Tensor([parameterCount])
    }

    /// One update of every parameter of `store`; `learningRate(p)` gives each parameter's rate (0 freezes it, as
    /// does `store.setFrozen`). Weight decay applies to parameters whose `decay` flag is set.
    /// - Parameter gradientScale: multiplies every gradient as it is read (global-norm clipping without a pass of its own).
    public func update(_ store: ParameterStore, gradientScale: Float = 1, learningRate: (Parameter) -> Float) {
        precondition(store.totalCount == m.count, "AdamW state does not match the store")
        step += 1
        let bc1 = 1 - Float(Foundation.pow(Double(beta1), Double(step)))
        let bc2 = 1 - Float(Foundation.pow(Double(beta2), Double(step)))
        let b1 = beta1, b2 = beta2, e = eps, gs = gradientScale
        for p in store.parameters {
            let lr = learningRate(p)
            if lr == 0 || store.isFrozen(p) { continue }
            let wd = p.decay ? weightDecay : 0
            let w = store.value(p), g = store.grad(p), mp = m.data + p.offset, vp = v.data + p.offset
            Parallel.chunks(p.count, grain: 65_536) { _, r in
                // 8 lanes at a time with SIMD types, then the tail.
                let vb1 = SIMD8<Float>(repeating: b1), vb2 = SIMD8<Float>(repeating: b2)
                let v1b1 = SIMD8<Float>(repeating: 1 - b1), v1b2 = SIMD8<Float>(repeating: 1 - b2)
                let vlr = SIMD8<Float>(repeating: lr), vwd = SIMD8<Float>(repeating: wd), ve = SIMD8<Float>(repeating: e)
                let vbc1 = SIMD8<Float>(repeating: 1 / bc1), vbc2 = SIMD8<Float>(repeating: 1 / bc2)
                let vgs = SIMD8<Float>(repeating: gs)
                var i = r.lowerBound
                while i + 8 <= r.upperBound {
                    let gi = UnsafeRawPointer(g + i).loadUnaligned(as: SIMD8<Float>.self) * vgs
                    let mi = vb1 * UnsafeRawPointer(mp + i).loadUnaligned(as: SIMD8<Float>.self) + v1b1 * gi
                    let vi = vb2 * UnsafeRawPointer(vp + i).loadUnaligned(as: SIMD8<Float>.self) + v1b2 * gi * gi
                    let wi = UnsafeRawPointer(w + i).loadUnaligned(as: SIMD8<Float>.self)
                    let step = (mi * vbc1) / ((vi * vbc2).squareRoot() + ve) + vwd * wi
                    UnsafeMutableRawPointer(mp + i).storeBytes(of: mi, as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(vp + i).storeBytes(of: vi, as: SIMD8<Float>.self)
                    UnsafeMutableRawPointer(w + i).storeBytes(of: wi - vlr * step, as: SIMD8<Float>.self)
                    i += 8
                }
                while i < r.upperBound {
                    let gi = g[i] * gs
                    let mi = b1 * mp[i] + (1 - b1) * gi
                    let vi = b2 * vp[i] + (1 - b2) * gi * gi
                    mp[i] = mi; vp[i] = vi
                    w[i] -= lr * ((mi * (1 / bc1)) / ((vi * (1 / bc2)).squareRoot() + e) + wd * w[i])
                    i += 1
                }
            }
        }
    }

    /// Restores the step count (for checkpoints; the moments are restored through `m` and `v`).
    public func restore(step: Int) { self.step = step }

    /// The L2 norm of the gradients of `store`'s trainable parameters (frozen ones have none), summed in fixed
    /// blocks of 65,536 (eight Float lanes, folded into Double every 1,024 elements), so the result does not
    /// depend on the core count.
    public static func gradientNorm(_ store: ParameterStore) -> Float {
        let g = store.grads.data, blockSize = 65_536
        var total = 0.0
        for range in store.trainableRanges {
            let n = range.count
            var partial = [Double](repeating: 0, count: (n + blockSize - 1) / blockSize)
            partial.withUnsafeMutableBufferPointer { pp in
                let out = pp.baseAddress!, base = g + range.lowerBound
                Parallel.blocks(n, blockSize: blockSize) { block, r in
                    var sum = 0.0, i = r.lowerBound
                    while i < r.upperBound {
                        let end = min(r.upperBound, i + 1024)
                        var lanes = SIMD8<Float>(repeating: 0)
                        while i + 8 <= end {
                            let x = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD8<Float>.self)
                            lanes += x * x
                            i += 8
                        }
                        var tail: Float = 0
                        while i < end { tail += base[i] * base[i]; i += 1 }
                        sum += Double(lanes.sum()) + Double(tail)
                    }
                    out[block] = sum
                }
            }
            total += partial.reduce(0, +)
        }
        return Float(total.squareRoot())
    }

    /// The factor global-norm clipping multiplies the gradients by: `maxNorm / (norm + 1e-6)` above `maxNorm`, else 1.
    public static func clipScale(norm: Float, maxNorm: Float) -> Float {
        maxNorm > 0 && norm > maxNorm ? maxNorm / (norm + 1e-6) : 1
    }

    /// Scales all gradients so that their global L2 norm is at most `maxNorm`; returns the norm before clipping.
    @discardableResult
    public static func clipGradients(_ store: ParameterStore, maxNorm: Float) -> Float {
        let norm = gradientNorm(store)
        let s = clipScale(norm: norm, maxNorm: maxNorm)
        if s != 1 {
            for range in store.trainableRanges {
                let g = store.grads.data + range.lowerBound
                Parallel.chunks(range.count, grain: 65_536) { _, r in for i in r { g[i] *= s } }
            }
        }
        return norm
    }
}
