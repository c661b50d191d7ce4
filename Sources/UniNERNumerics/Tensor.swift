import Foundation

/// A contiguous, row-major Float32 buffer with a shape; the memory is owned and reused across steps.
///
/// `resize(_:)` reallocates only when the new element count exceeds the capacity, so a training loop that
/// calls it every step with the same or smaller shapes allocates nothing after the first step.
public final class Tensor {
    /// The shape, outermost dimension first.
    public private(set) var shape: [Int]
    /// The number of elements, the product of `shape`.
    public private(set) var count: Int
    /// The number of elements the buffer can hold without reallocating.
    public private(set) var capacity: Int
    /// The raw storage; valid for `count` elements (and `capacity` allocated).
    public private(set) var data: UnsafeMutablePointer<Float>

    /// Creates a zero-filled tensor of the given shape.
    public init(_ shape: [Int]) {
        let n = shape.reduce(1, *)
        precondition(n >= 0, "negative tensor size")
        self.shape = shape
        self.count = n
        self.capacity = Swift.max(n, 1)
        self.data = Self.zeroed(capacity)
    }

    /// calloc, not allocate-and-fill: a large zeroed buffer comes as fresh pages that take memory only once
    /// written, so the parts a run never writes (a frozen table's gradient and moments) cost nothing.
    private static func zeroed(_ n: Int) -> UnsafeMutablePointer<Float> {
        guard let raw = calloc(n, MemoryLayout<Float>.stride) else {
            fatalError("out of memory allocating \(n) floats (\(n * 4 / 1_000_000) MB)")
        }
        return raw.bindMemory(to: Float.self, capacity: n)
    }

    /// Creates a tensor holding a copy of `values`, which must have `shape.reduce(1, *)` elements.
    public convenience init(_ shape: [Int], _ values: [Float]) {
        self.init(shape)
        precondition(values.count == count, "tensor of shape \(shape) needs \(count) values, got \(values.count)")
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: count) }
    }

    deinit { free(data) }

    /// Changes the shape; grows the buffer when needed. Contents are unspecified afterwards unless `zero` is true.
    public func resize(_ newShape: [Int], zero: Bool = false) {
        let n = newShape.reduce(1, *)
        if n > capacity {
            free(data)
            capacity = n
            data = Self.zeroed(n)
        } else if zero {
            data.update(repeating: 0, count: n)
        }
        shape = newShape
        count = n
    }

    /// Sets every element to zero.
    public func zero() { data.update(repeating: 0, count: count) }

    /// Sets every element to `value`.
    public func fill(_ value: Float) { data.update(repeating: value, count: count) }

    /// The elements as a Swift array (a copy).
    public var array: [Float] { Array(UnsafeBufferPointer(start: data, count: count)) }

    /// Copies `count` elements from another tensor (shapes must hold the same number of elements).
    public func copy(from other: Tensor) {
        resize(other.shape)
        data.update(from: other.data, count: count)
    }

    /// Element access by flat index (bounds-checked; for tests and cold paths, not hot loops).
    public subscript(i: Int) -> Float {
        get { precondition(i >= 0 && i < count); return data[i] }
        set { precondition(i >= 0 && i < count); data[i] = newValue }
    }
}
