import Foundation

/// Linear warmup, then linear or cosine decay to `minRatio` × peak.
public struct LearningRateSchedule: Codable, Equatable, Sendable {
    public enum Decay: String, Codable, Sendable, CaseIterable { case linear, cosine, constant }
    public var peak: Float
    public var warmupSteps: Int
    public var totalSteps: Int
    public var decay: Decay
    public var minRatio: Float

    public init(peak: Float, warmupSteps: Int, totalSteps: Int, decay: Decay = .linear, minRatio: Float = 0) {
        self.peak = peak; self.warmupSteps = warmupSteps; self.totalSteps = totalSteps; self.decay = decay
        self.minRatio = minRatio
    }

    /// The learning-rate multiplier in [0, 1] at 0-based `step`: (step + 1) / warmup during warmup, then the decay.
    public func factor(step: Int) -> Float {
        if step < warmupSteps { return Float(step + 1) / Float(warmupSteps) }
        if decay == .constant || totalSteps <= warmupSteps { return 1 }
        let progress = min(1, Float(step - warmupSteps) / Float(max(1, totalSteps - warmupSteps)))
        let shape: Float = decay == .linear ? 1 - progress : 0.5 * (1 + Float(cos(Double.pi * Double(progress))))
        return minRatio + (1 - minRatio) * shape
    }

    /// The learning rate at 0-based `step`.
    public func rate(step: Int) -> Float { peak * factor(step: step) }
}
