/// A file the fuzzer could not write.
struct RawFileError: Error, CustomStringConvertible {
    var path: String
    var code: Int32

    var description: String { "cannot write \(path): errno \(code)" }
}
