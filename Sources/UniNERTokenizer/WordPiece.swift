/// Greedy longest-match-first WordPiece over a vocabulary, as in BERT.
///
/// The vocabulary is held as a trie over Unicode scalars (one open-addressing hash table keyed by node
/// and scalar), so the longest vocabulary entry at a position is found in one walk instead of one lookup
/// per candidate length. Continuation pieces are matched from the node of the prefix (`##`).
struct WordPiece: Sendable, Equatable {
    /// Child of `node` on `scalar`: key `node << 32 | scalar`.
    private var children = EdgeTable()
    /// Token id ending at each node, or -1.
    private var terminal: [Int32] = [-1]
    /// Node reached by the continuation prefix, if any vocabulary entry starts with it.
    private var continuationRoot: Int32?
    /// Id of the unknown token.
    let unkID: Int
    /// Words longer than this (in normalized scalars) become the unknown token.
    let maxInputCharsPerWord: Int

    /// - Parameters:
    ///   - vocabulary: token to id.
    ///   - continuingSubwordPrefix: the prefix of continuation pieces (`##`).
    ///   - unkID: id of the unknown token.
    ///   - maxInputCharsPerWord: longer words become the unknown token.
    init(vocabulary: [String: Int], continuingSubwordPrefix: String, unkID: Int, maxInputCharsPerWord: Int) {
        self.unkID = unkID
        self.maxInputCharsPerWord = maxInputCharsPerWord
        let edgeCount = vocabulary.keys.reduce(0) { $0 + $1.unicodeScalars.count }
        children = EdgeTable(minimumCapacity: edgeCount)
        for (token, id) in vocabulary {
            var node: Int32 = 0
            for scalar in token.unicodeScalars { node = child(of: node, scalar.value) }
            terminal[Int(node)] = Int32(id)
        }
        var node: Int32? = 0
        for scalar in continuingSubwordPrefix.unicodeScalars {
            node = node.flatMap { children[Self.key($0, scalar.value)] }
        }
        continuationRoot = node
    }

    @inline(__always)
    private static func key(_ node: Int32, _ scalar: UInt32) -> UInt64 { UInt64(UInt32(node)) << 32 | UInt64(scalar) }

    private mutating func child(of node: Int32, _ scalar: UInt32) -> Int32 {
        let key = Self.key(node, scalar)
        if let existing = children[key] { return existing }
        let new = Int32(terminal.count)
        terminal.append(-1)
        children.insert(key, new)
        return new
    }

    /// Splits one word into pieces, appending `(id, start, end)` with start and end indices in `word`.
    ///
    /// A word longer than `maxInputCharsPerWord`, or one with a part no vocabulary entry matches,
    /// becomes one unknown token over the whole word.
    func tokenize(_ word: ArraySlice<UInt32>, into pieces: inout [(id: Int, start: Int, end: Int)]) {
        let count = word.count
        guard count > 0 else { return }
        guard count <= maxInputCharsPerWord else {
            pieces.append((unkID, 0, count))
            return
        }
        let firstPiece = pieces.count
        let base = word.startIndex
        var start = 0
        while start < count {
            guard var node = start == 0 ? Int32(0) : continuationRoot else {
                pieces.removeSubrange(firstPiece...)
                pieces.append((unkID, 0, count))
                return
            }
            var bestID: Int32 = -1
            var bestEnd = start
            var position = start
            while position < count, let next = children[Self.key(node, word[base + position])] {
                node = next
                position += 1
                let id = terminal[Int(node)]
                if id >= 0 {
                    bestID = id
                    bestEnd = position
                }
            }
            if bestID < 0 {
                pieces.removeSubrange(firstPiece...)
                pieces.append((unkID, 0, count))
                return
            }
            pieces.append((Int(bestID), start, bestEnd))
            start = bestEnd
        }
    }
}

/// A fixed-capacity open-addressing hash table from trie edge (`node << 32 | scalar`) to child node,
/// with linear probing and a multiplicative hash: several times faster than `Dictionary`'s SipHash for
/// the one lookup per scalar the WordPiece walk makes.
struct EdgeTable: Sendable, Equatable {
    private static let empty = UInt64.max
    private var keys: [UInt64]
    private var values: [Int32]
    private var shift: UInt64
    private var mask: Int

    /// - Parameter minimumCapacity: the most entries that will be inserted; the table holds twice that.
    init(minimumCapacity: Int = 0) {
        var bits: UInt64 = 4
        while (1 << bits) < 2 * max(minimumCapacity, 1) { bits += 1 }
        keys = Array(repeating: Self.empty, count: 1 << bits)
        values = Array(repeating: -1, count: 1 << bits)
        shift = 64 - bits
        mask = (1 << bits) - 1
    }

    @inline(__always)
    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    subscript(key: UInt64) -> Int32? {
        var index = slot(key)
        while true {
            let found = keys[index]
            if found == key { return values[index] }
            if found == Self.empty { return nil }
            index = (index + 1) & mask
        }
    }

    /// Inserts a key that is not present; the table must have room (it is sized at construction).
    mutating func insert(_ key: UInt64, _ value: Int32) {
        var index = slot(key)
        while keys[index] != Self.empty { index = (index + 1) & mask }
        keys[index] = key
        values[index] = value
    }
}
