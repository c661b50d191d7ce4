import COpenBLAS
import Foundation

/// Thin row-major wrappers over OpenBLAS `cblas_sgemm`.
public enum BLAS {
    /// C[m, n] = alpha * op(A) op(B) + beta * C, row-major, with explicit leading dimensions.
    ///
    /// - Parameters:
    ///   - transA: when true, `A` is stored as [k, m] and used transposed.
    ///   - transB: when true, `B` is stored as [n, k] and used transposed.
    @inline(__always)
    public static func sgemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                             alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                             b: UnsafePointer<Float>, ldb: Int,
                             beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            if beta == 0 { for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) } }
            else if beta != 1 { for i in 0..<m { for j in 0..<n { c[i * ldc + j] *= beta } } }
            return
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb),
                    beta, c, blasint(ldc))
    }

    /// The number of threads OpenBLAS uses.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
    }

    /// Sets the number of threads OpenBLAS uses (process-wide).
    public static func setThreads(_ n: Int) { openblas_set_num_threads(Int32(n)) }
}
