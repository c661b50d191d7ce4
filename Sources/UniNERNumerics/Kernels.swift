import CKernels
import Foundation

/// The C kernels' instruction set (`Sources/CKernels`): each kernel is compiled from one body for the baseline and
/// for AVX2 without FMA, so the choice changes speed, never a bit of the result.
public enum Kernels {
    /// Whether the AVX2 variants run: the CPU has AVX2 and `UNINER_NO_AVX2` is unset.
    public static let avx2: Bool = uniner_cpu_has_avx2() != 0 && ProcessInfo.processInfo.environment["UNINER_NO_AVX2"] == nil

    /// Softmax of one row in place, every entry visible (attention's dense rows).
    static func softmaxRow(_ row: UnsafeMutablePointer<Float>, count: Int, avx2: Bool = Kernels.avx2) {
        uniner_softmax_row(row, count, avx2 ? 1 : 0)
    }
}
