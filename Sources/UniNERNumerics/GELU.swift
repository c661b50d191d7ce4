import CKernels
import Foundation

/// The exact GELU of BERT: x · Φ(x) = 0.5 x (1 + erf(x / √2)) (erf to within 5e-7, see `FastMath.erf`).
///
/// The loops are C kernels (`Sources/CKernels/gelu.c`) compiled for the baseline ISA and for AVX2 from one body, with
/// no fused multiply-add: both give the same bits, so the wider one runs wherever the CPU has it. The plain form of
/// the tests (`FastMath`, in Swift) is the oracle.
public enum GELU {
    /// Forward that also keeps the derivative: out[N] = gelu(x) and, in place of x, gelu′(x).
    ///
    /// One exponential serves both: erf(x/√2) ≈ 1 − q(t)·e^(−x²/2) (Abramowitz & Stegun 7.1.26, |error| ≤ 1.5e-7)
    /// and φ(x) = e^(−x²/2)/√(2π). Use `backward(dinp:dout:derivative:count:)` afterwards.
    /// - Parameters:
    ///   - inputThenDerivative: [N] the pre-activations on entry, gelu′ of them on return.
    public static func forward(out: UnsafeMutablePointer<Float>, inputThenDerivative xd: UnsafeMutablePointer<Float>,
                               count: Int) {
        forward(out: out, inputThenDerivative: xd, count: count, avx2: Kernels.avx2)
    }

    static func forward(out: UnsafeMutablePointer<Float>, inputThenDerivative xd: UnsafeMutablePointer<Float>,
                        count: Int, avx2: Bool) {
        let wide: Int32 = avx2 ? 1 : 0
        Parallel.chunks(count) { _, r in
            uniner_gelu_keep_derivative(out + r.lowerBound, xd + r.lowerBound, r.count, wide)
        }
    }

    /// The training forward (`keepDerivative`: gelu′ replaces the input) or the inference one (the input is left as
    /// it is), for layers whose forward serves both.
    public static func forward(out: UnsafeMutablePointer<Float>, inputThenDerivative xd: UnsafeMutablePointer<Float>,
                               count: Int, keepDerivative: Bool) {
        if keepDerivative {
            forward(out: out, inputThenDerivative: xd, count: count)
        } else {
            forward(out: out, inp: xd, count: count)
        }
    }

    /// Inference forward: out[N] = gelu(inp), no derivative kept (`out` and `inp` must not overlap).
    public static func forward(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, count: Int) {
        forward(out: out, inp: inp, count: count, avx2: Kernels.avx2)
    }

    static func forward(out: UnsafeMutablePointer<Float>, inp: UnsafePointer<Float>, count: Int, avx2: Bool) {
        let wide: Int32 = avx2 ? 1 : 0
        Parallel.chunks(count) { _, r in
            uniner_gelu(out + r.lowerBound, inp + r.lowerBound, r.count, wide)
        }
    }

    /// Backward from a kept derivative: dinp[N] += dout · derivative, or dinp[N] = 0 + that when `accumulate` is
    /// false (the bits of zeroing the buffer first, without the pass that zeroes it).
    public static func backward(dinp: UnsafeMutablePointer<Float>, dout: UnsafePointer<Float>,
                                derivative: UnsafePointer<Float>, count: Int, accumulate: Bool = true) {
        Parallel.chunks(count) { _, r in
            for i in r { dinp[i] = (accumulate ? dinp[i] : 0) + dout[i] * derivative[i] }
        }
    }
}
