import COpenBLAS
import Foundation

/// Thin row-major wrappers over OpenBLAS `cblas_sgemm`.
public enum BLAS {
    /// C[m, n] = alpha * op(A) op(B) + beta * C, row-major, with explicit leading dimensions.
    ///
    /// Large products are split into `Parallel.workers` row (or column) blocks computed concurrently by
    /// single-threaded OpenBLAS calls (see `ownThreading`); each element is computed by one call in either case.
    /// - Parameters:
    ///   - transA: when true, `A` is stored as [k, m] and used transposed.
    ///   - transB: when true, `B` is stored as [n, k] and used transposed.
    public static func sgemm(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                             alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                             b: UnsafePointer<Float>, ldb: Int,
                             beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        _ = coreName
        let parts = Parallel.workers
        guard ownThreading, parts > 1, m * n * k >= 1 << 21, max(m, n) >= 64 * parts else {
            sgemmSerial(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb,
                        beta: beta, c: c, ldc: ldc)
            return
        }
        if m >= n {
            Parallel.chunks(parts, grain: 1) { _, r in
                for part in r {
                    let rows = Parallel.range(part, of: parts, m)
                    sgemmSerial(transA: transA, transB: transB, m: rows.count, n: n, k: k, alpha: alpha,
                                a: transA ? a + rows.lowerBound : a + rows.lowerBound * lda, lda: lda, b: b, ldb: ldb,
                                beta: beta, c: c + rows.lowerBound * ldc, ldc: ldc)
                }
            }
        } else {
            Parallel.chunks(parts, grain: 1) { _, r in
                for part in r {
                    let cols = Parallel.range(part, of: parts, n)
                    sgemmSerial(transA: transA, transB: transB, m: m, n: cols.count, k: k, alpha: alpha, a: a, lda: lda,
                                b: transB ? b + cols.lowerBound * ldb : b + cols.lowerBound, ldb: ldb,
                                beta: beta, c: c + cols.lowerBound, ldc: ldc)
                }
            }
        }
    }

    /// Whether this module runs OpenBLAS single-threaded and parallelises products itself (the default on
    /// more than one core; `UNINER_BLAS_THREADING=openblas` leaves threading to OpenBLAS). Our own split avoids
    /// OpenBLAS's spinning worker threads competing with the module's parallel loops.
    public static let ownThreading: Bool = ProcessInfo.processInfo.environment["UNINER_BLAS_THREADING"] != "openblas"

    /// `sgemm` on the calling thread only (for callers that are already parallel).
    @inline(__always)
    public static func sgemmSerial(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                                   alpha: Float = 1, a: UnsafePointer<Float>, lda: Int,
                                   b: UnsafePointer<Float>, ldb: Int,
                                   beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        _ = coreName
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

    /// The OpenBLAS kernel family in use (e.g. "SkylakeX", "Haswell"), chosen once before the first sgemm.
    ///
    /// OpenBLAS 0.3.21 does not recognise some recent Xeons and falls back to its SSE3 "Prescott" kernels, 5–10×
    /// slower. When `OPENBLAS_CORETYPE` is unset and the fallback is in use, the kernels are re-initialised for the
    /// best family the CPU supports (AVX-512: SkylakeX, AVX2: Haswell) through OpenBLAS's exported
    /// `gotoblas_dynamic_quit`/`gotoblas_dynamic_init`. An explicit `OPENBLAS_CORETYPE` is always respected.
    public static let coreName: String = {
        if ownThreading { openblas_set_num_threads(1) }
        let current = String(cString: openblas_get_corename())
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
              current.lowercased() == "prescott" || current.lowercased() == "unknown",
              let better = bestCoreType(),
              let process = dlopen(nil, RTLD_LAZY),
              let quitSym = dlsym(process, "gotoblas_dynamic_quit"),
              let initSym = dlsym(process, "gotoblas_dynamic_init") else { return current }
        typealias Fn = @convention(c) () -> Void
        setenv("OPENBLAS_CORETYPE", better, 1)
        unsafeBitCast(quitSym, to: Fn.self)()
        unsafeBitCast(initSym, to: Fn.self)()
        return String(cString: openblas_get_corename())
    }()

    /// The best OpenBLAS core type for this CPU from /proc/cpuinfo flags (nil when unknown).
    static func bestCoreType() -> String? {
        guard let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flagsLine = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        let flags = Set(flagsLine.split(separator: " ").map(String.init))
        if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512vl", "avx512dq"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// The number of threads OpenBLAS uses.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
    }

    /// Sets the number of threads the numerics use (process-wide). With our own threading (the default) that is
    /// the number of `Parallel` workers, and OpenBLAS stays on one thread: OpenBLAS threads inside our parallel
    /// loops would oversubscribe the cores and spin in sched_yield. Otherwise OpenBLAS gets `n` threads.
    public static func setThreads(_ n: Int) {
        _ = coreName
        if ownThreading {
            Parallel.setWorkers(n)
            openblas_set_num_threads(1)
        } else {
            setLibraryThreads(n)
        }
    }

    /// Sets OpenBLAS's own thread count, whatever `ownThreading` says (for measurements of the library alone).
    public static func setLibraryThreads(_ n: Int) { openblas_set_num_threads(Int32(n)) }
}
