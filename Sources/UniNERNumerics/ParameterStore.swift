import Foundation

/// A named parameter: a slice of the store's contiguous value and gradient buffers.
public struct Parameter: Sendable, Equatable {
    /// The Hugging Face style name, e.g. `encoder.layer.0.attention.self.query.weight`.
    public let name: String
    /// The shape, outermost first (Linear weights are [out, in]).
    public let shape: [Int]
    /// The offset of the first element in the store's buffers.
    public let offset: Int
    /// The number of elements.
    public var count: Int { shape.reduce(1, *) }
    /// Whether AdamW applies weight decay to it (matrices yes; biases, LayerNorm and vectors no).
    public let decay: Bool
}

/// All parameters and gradients of a model, each in one contiguous buffer, as in llm.c.
///
/// Layout first (`add`), then `allocate()`; after that the buffers never move, so layers may keep pointers.
public final class ParameterStore {
    /// The parameters in layout order.
    public private(set) var parameters: [Parameter] = []
    private var index: [String: Int] = [:]
    /// All values, concatenated in layout order.
    public private(set) var values: Tensor = Tensor([0])
    /// All gradients, same layout as `values`.
    public private(set) var grads: Tensor = Tensor([0])
    /// The total number of scalars.
    public private(set) var totalCount = 0
    private var allocated = false
    /// Per parameter (layout order): whether it is frozen.
    private var frozenFlags: [Bool] = []
    /// The element ranges of the parameters that train, adjacent ones merged.
    public private(set) var trainableRanges: [Range<Int>] = []

    public init() {}

    /// Registers a parameter and returns it (with its offset). Must precede `allocate()`.
    @discardableResult
    public func add(_ name: String, _ shape: [Int], decay: Bool? = nil) -> Parameter {
        precondition(!allocated, "ParameterStore.add after allocate")
        precondition(index[name] == nil, "duplicate parameter \(name)")
        let p = Parameter(name: name, shape: shape, offset: totalCount, decay: decay ?? (shape.count >= 2))
        index[name] = parameters.count
        parameters.append(p)
        frozenFlags.append(false)
        totalCount += p.count
        trainableRanges = Self.merged(parameters, frozen: frozenFlags)
        return p
    }

    /// Allocates the zero-filled value and gradient buffers.
    public func allocate() {
        precondition(!allocated)
        values = Tensor([totalCount])
        grads = Tensor([totalCount])
        allocated = true
    }

    /// The parameter with that name, if any.
    public func parameter(_ name: String) -> Parameter? { index[name].map { parameters[$0] } }

    /// Pointer to the values of `p`.
    @inline(__always) public func value(_ p: Parameter) -> UnsafeMutablePointer<Float> { values.data + p.offset }
    /// Pointer to the gradients of `p`.
    @inline(__always) public func grad(_ p: Parameter) -> UnsafeMutablePointer<Float> { grads.data + p.offset }

    /// Sets every gradient of a parameter that trains to zero. A frozen parameter's gradient is never computed,
    /// cleared or read, so its pages of the (lazily zeroed) buffer are never touched and cost no memory.
    public func zeroGrad() {
        for r in trainableRanges { (grads.data + r.lowerBound).update(repeating: 0, count: r.count) }
    }

    /// Freezes `p` (or thaws it): a frozen parameter keeps its value and has no optimiser state; clipping and the
    /// optimiser ignore its gradient, and the word embeddings' backward skips computing it (it reads zero then).
    public func setFrozen(_ p: Parameter, _ frozen: Bool = true) {
        guard let i = index[p.name] else { preconditionFailure("no parameter \(p.name) in this store") }
        frozenFlags[i] = frozen
        trainableRanges = Self.merged(parameters, frozen: frozenFlags)
        // Only a gradient that was written needs clearing; reading a never-written page costs no memory.
        if frozen, allocated, UnsafeBufferPointer(start: grad(p), count: p.count).contains(where: { $0 != 0 }) {
            grad(p).update(repeating: 0, count: p.count)
        }
    }

    /// Whether `p` is frozen.
    public func isFrozen(_ p: Parameter) -> Bool { index[p.name].map { frozenFlags[$0] } ?? false }

    private static func merged(_ parameters: [Parameter], frozen: [Bool]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (p, f) in zip(parameters, frozen) where !f && p.count > 0 {
            let r = p.offset..<(p.offset + p.count)
            if let last = ranges.last, last.upperBound == r.lowerBound { ranges[ranges.count - 1] = last.lowerBound..<r.upperBound }
            else { ranges.append(r) }
        }
        return ranges
    }

    /// The values of one parameter as an array (a copy).
    public func array(_ name: String) -> [Float]? {
        guard let p = parameter(name) else { return nil }
        return Array(UnsafeBufferPointer(start: value(p), count: p.count))
    }

    /// Fills the weight matrices with normal(0, std), biases with 0 and LayerNorm scales with 1
    /// (only the parameters `include` accepts).
    public func initializeBERTStyle(std: Float, rng: inout RandomGenerator, where include: (Parameter) -> Bool = { _ in true }) {
        for p in parameters where include(p) {
            let v = value(p)
            if p.name.hasSuffix("LayerNorm.weight") { v.update(repeating: 1, count: p.count) }
            else if p.shape.count >= 2 { rng.fillNormal(v, count: p.count, std: std) }
            else { v.update(repeating: 0, count: p.count) }
        }
    }

    /// All parameters as named tensors for `SafeTensors.write`.
    public func namedTensors() -> [(String, [Int], UnsafePointer<Float>)] {
        parameters.map { ($0.name, $0.shape, UnsafePointer(value($0))) }
    }
}
