/// A reader that returned normally but produced something inconsistent: counted as a crash.
struct FuzzFinding: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
