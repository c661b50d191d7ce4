import Foundation

/// Which `--set` argument wrote a value, so that an error in it names the argument, not `recipe.yaml:1:1`.
///
/// A `--set` value is parsed as YAML text placed on lines past the end of its recipe file, so its nodes carry
/// marks that no line of the file has; this table maps those lines back to the argument. Kept per file path,
/// replaced by each load of that file.
final class OverrideOrigins: @unchecked Sendable {
    // @unchecked: `table` is guarded by `lock`.
    static let shared = OverrideOrigins()

    private let lock = NSLock()
    private var table: [String: [(lines: ClosedRange<Int>, argument: String)]] = [:]

    /// Forgets the `--set` arguments of an earlier load of `file`.
    func reset(file: String) {
        lock.lock()
        table[file] = nil
        lock.unlock()
    }

    func register(file: String, lines: ClosedRange<Int>, argument: String) {
        lock.lock()
        table[file, default: []].append((lines, argument))
        lock.unlock()
    }

    /// The `--set` argument whose value sits at `line` of `file`'s marks, if any.
    func argument(file: String, line: Int) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return table[file]?.first { $0.lines.contains(line) }?.argument
    }
}
