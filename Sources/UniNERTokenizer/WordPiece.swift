/// Greedy longest-match-first WordPiece over a vocabulary, as in BERT.
///
/// The vocabulary is held as a trie over Unicode scalars (one hash table keyed by node and scalar),
/// so the longest vocabulary entry at a position is found in one walk instead of one lookup per
/// candidate length. Continuation pieces are matched from the node of the prefix (`##`).
struct WordPiece: Sendable, Equatable {
    /// Child of `node` on `scalar`: key `node << 32 | scalar`.
    private var children: [UInt64: Int32] = [:]
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
        children.reserveCapacity(vocabulary.count * 3)
        for (token, id) in vocabulary {
            var node: Int32 = 0
            for scalar in token.unicodeScalars { node = child(of: node, scalar.value, creating: true) }
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

    private mutating func child(of node: Int32, _ scalar: UInt32, creating: Bool) -> Int32 {
        let key = Self.key(node, scalar)
        if let existing = children[key] { return existing }
        let new = Int32(terminal.count)
        terminal.append(-1)
        children[key] = new
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
