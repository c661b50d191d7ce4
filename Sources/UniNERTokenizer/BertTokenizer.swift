/// BERT's WordPiece tokenizer: `BasicTokenizer` (clean, CJK, accents, lowercase, whitespace and
/// punctuation splitting), then greedy longest-match WordPiece with `##` continuations, then `[CLS]` and
/// `[SEP]` around one sequence or a pair.
///
/// It reproduces the `tokenizers` library on a BERT `tokenizer.json` (ids, tokens and offsets), including
/// the splitting of the text on added special tokens (a literal `[SEP]` in the text is that token).
/// Offsets count Unicode scalars of the original string, as Python `str` indices do.
///
/// ```swift
/// let tokenizer = try BertTokenizer(folder: modelFolder)
/// let encoding = try tokenizer.encode("Héllo, World!")
/// encoding.tokens    // ["[CLS]", "hello", ",", "world", "!", "[SEP]"]
/// encoding.offsets   // [0..<0, 0..<5, 5..<6, 7..<12, 12..<13, 0..<0]
/// ```
///
/// Known differences from `tokenizers`: added tokens are matched on the original text even when their
/// `normalized` flag is set, and their `single_word`, `lstrip` and `rstrip` flags are not applied; neither
/// occurs in BERT-family model folders.
public struct BertTokenizer: Sendable {
    /// The strings of the special tokens.
    public struct SpecialTokens: Sendable, Equatable {
        public var cls: String
        public var sep: String
        public var pad: String
        public var unk: String
        /// The mask token, when the model has one.
        public var mask: String?

        public init(cls: String = "[CLS]", sep: String = "[SEP]", pad: String = "[PAD]", unk: String = "[UNK]",
                    mask: String? = "[MASK]") {
            self.cls = cls
            self.sep = sep
            self.pad = pad
            self.unk = unk
            self.mask = mask
        }
    }

    /// A token matched verbatim in the text before normalization (the `added_tokens` of `tokenizer.json`).
    public struct AddedToken: Sendable, Equatable {
        public var content: String
        public var id: Int
        /// Special tokens are dropped by `decode(_:skipSpecialTokens:)` and flagged in `specialTokensMask`.
        public var special: Bool

        public init(content: String, id: Int, special: Bool = true) {
            self.content = content
            self.id = id
            self.special = special
        }
    }

    /// The normalizer and pre-tokenizer.
    public let basicTokenizer: BasicTokenizer
    /// The special token strings.
    public let specialTokens: SpecialTokens
    /// Id of `[CLS]`.
    public let clsID: Int
    /// Id of `[SEP]`.
    public let sepID: Int
    /// Id of `[PAD]`.
    public let padID: Int
    /// Id of `[UNK]`.
    public let unkID: Int
    /// Id of `[MASK]`, when the vocabulary has it.
    public let maskID: Int?
    /// `model_max_length` of `tokenizer_config.json`, when given.
    public let modelMaxLength: Int?
    /// Tokens matched verbatim in the text.
    public let addedTokens: [AddedToken]

    let wordPiece: WordPiece
    let tokenToID: [String: Int]
    let idToToken: [String?]
    let specialIDs: Set<Int>
    /// Added tokens by their first scalar, longest first.
    let addedByFirstScalar: [UInt32: [(scalars: [UInt32], id: Int)]]
    /// The keys of `addedByFirstScalar` (usually just `[`), checked before the dictionary.
    let addedFirstScalars: [UInt32]

    /// Builds a tokenizer from a vocabulary.
    ///
    /// - Parameters:
    ///   - vocabulary: token to id; ids must be distinct and non-negative.
    ///   - options: the normalizer flags.
    ///   - specialTokens: the special token strings; all but `mask` must be in `vocabulary`.
    ///   - addedTokens: tokens matched verbatim in the text; `nil` means the special tokens.
    ///   - continuingSubwordPrefix: prefix of continuation pieces.
    ///   - maxInputCharsPerWord: longer words become `[UNK]`.
    ///   - modelMaxLength: the model's maximum input length, for callers.
    /// - Throws: `BertTokenizerError.missingSpecialToken`, `.invalidVocabulary`.
    public init(vocabulary: [String: Int], options: BasicTokenizer.Options = .init(),
                specialTokens: SpecialTokens = .init(), addedTokens: [AddedToken]? = nil,
                continuingSubwordPrefix: String = "##", maxInputCharsPerWord: Int = 100,
                modelMaxLength: Int? = nil) throws(BertTokenizerError) {
        var idToToken: [String?] = []
        for (token, id) in vocabulary {
            guard id >= 0 else { throw .invalidVocabulary(reason: "token \"\(token)\" has negative id \(id)") }
            if id >= idToToken.count { idToToken += repeatElement(nil, count: id + 1 - idToToken.count) }
            if let other = idToToken[id] {
                throw .invalidVocabulary(reason: "tokens \"\(other)\" and \"\(token)\" share id \(id)")
            }
            idToToken[id] = token
        }
        func id(_ role: String, _ token: String) throws(BertTokenizerError) -> Int {
            guard let id = vocabulary[token] else { throw .missingSpecialToken(role: role, token: token) }
            return id
        }
        clsID = try id("CLS", specialTokens.cls)
        sepID = try id("SEP", specialTokens.sep)
        padID = try id("PAD", specialTokens.pad)
        unkID = try id("UNK", specialTokens.unk)
        maskID = specialTokens.mask.flatMap { vocabulary[$0] }

        let specialStrings = [specialTokens.pad, specialTokens.unk, specialTokens.cls, specialTokens.sep,
                              specialTokens.mask].compactMap { $0 }
        let added = addedTokens ?? specialStrings.compactMap { token in
            vocabulary[token].map { AddedToken(content: token, id: $0) }
        }
        var byFirst: [UInt32: [(scalars: [UInt32], id: Int)]] = [:]
        for token in added {
            let scalars = token.content.unicodeScalars.map(\.value)
            guard let first = scalars.first else { continue }
            if token.id >= idToToken.count { idToToken += repeatElement(nil, count: token.id + 1 - idToToken.count) }
            if idToToken[token.id] == nil { idToToken[token.id] = token.content }
            byFirst[first, default: []].append((scalars, token.id))
        }
        byFirst = byFirst.mapValues { candidates in candidates.sorted { $0.scalars.count > $1.scalars.count } }

        self.basicTokenizer = BasicTokenizer(options: options)
        self.specialTokens = specialTokens
        self.addedTokens = added
        self.addedByFirstScalar = byFirst
        self.addedFirstScalars = Array(byFirst.keys).sorted()
        self.specialIDs = Set([clsID, sepID, padID, unkID] + added.filter(\.special).map(\.id)
                              + (maskID.map { [$0] } ?? []))
        self.tokenToID = vocabulary
        self.idToToken = idToToken
        self.modelMaxLength = modelMaxLength
        self.wordPiece = WordPiece(vocabulary: vocabulary, continuingSubwordPrefix: continuingSubwordPrefix,
                                   unkID: unkID, maxInputCharsPerWord: maxInputCharsPerWord)
    }

    /// Number of ids (the largest id plus one).
    public var vocabularySize: Int { idToToken.count }

    /// The id of `token` (e.g. `[unused1]` for a marker token), or `nil` when it is not in the vocabulary.
    public func tokenID(_ token: String) -> Int? { tokenToID[token] }

    /// The token string of `id`, or `nil` when no token has it.
    public func token(forID id: Int) -> String? { idToToken.indices.contains(id) ? idToToken[id] : nil }

    // MARK: - Encoding

    /// Encodes one text: `[CLS] text [SEP]`.
    ///
    /// - Parameters:
    ///   - text: any string.
    ///   - maxLength: keep at most this many tokens, specials included (`nil`: no truncation).
    ///   - addSpecialTokens: add `[CLS]` and `[SEP]`.
    /// - Throws: `BertTokenizerError.maxLengthTooSmall` when `maxLength` cannot hold the special tokens.
    public func encode(_ text: String, maxLength: Int? = nil,
                       addSpecialTokens: Bool = true) throws(BertTokenizerError) -> Encoding {
        var workspace = Workspace()
        var nextWord = 0
        var pieces: [Piece] = []
        appendPieces(of: text, wordID: nil, nextWordID: &nextWord, workspace: &workspace, into: &pieces)
        return try assemble(pieces, nil, maxLength: maxLength, addSpecialTokens: addSpecialTokens)
    }

    /// Encodes a pair: `[CLS] first [SEP] pair [SEP]`, type ids 0 then 1.
    ///
    /// - Parameters:
    ///   - first: the first sequence (e.g. the query).
    ///   - pair: the second sequence (e.g. the passage).
    ///   - maxLength: keep at most this many tokens, cutting the longer sequence first (`longest_first`).
    ///   - addSpecialTokens: add `[CLS]` and the two `[SEP]`.
    /// - Throws: `BertTokenizerError.maxLengthTooSmall`.
    public func encode(_ first: String, pair: String, maxLength: Int? = nil,
                       addSpecialTokens: Bool = true) throws(BertTokenizerError) -> Encoding {
        var workspace = Workspace()
        var nextWord = 0
        var a: [Piece] = []
        appendPieces(of: first, wordID: nil, nextWordID: &nextWord, workspace: &workspace, into: &a)
        nextWord = 0
        var b: [Piece] = []
        appendPieces(of: pair, wordID: nil, nextWordID: &nextWord, workspace: &workspace, into: &b)
        return try assemble(a, b, maxLength: maxLength, addSpecialTokens: addSpecialTokens)
    }

    /// Encodes pre-tokenised input (`is_split_into_words`), with an optional pre-tokenised pair.
    ///
    /// Each word is tokenised on its own; offsets are relative to the word. `wordTokenRanges`
    /// (and `pairWordTokenRanges`) give each word's tokens; a word with no token has an empty range.
    ///
    /// - Parameters:
    ///   - words: the words of the first sequence.
    ///   - pairWords: the words of the pair sequence, if any.
    ///   - maxLength: keep at most this many tokens, specials included.
    ///   - addSpecialTokens: add `[CLS]` and `[SEP]`.
    /// - Throws: `BertTokenizerError.maxLengthTooSmall`.
    public func encode(words: [String], pairWords: [String]? = nil, maxLength: Int? = nil,
                       addSpecialTokens: Bool = true) throws(BertTokenizerError) -> Encoding {
        var workspace = Workspace()
        var unused = 0
        var a: [Piece] = []
        a.reserveCapacity(words.count * 2)
        for (index, word) in words.enumerated() {
            appendPieces(of: word, wordID: index, nextWordID: &unused, workspace: &workspace, into: &a)
        }
        var b: [Piece]?
        if let pairWords {
            var pieces: [Piece] = []
            pieces.reserveCapacity(pairWords.count * 2)
            for (index, word) in pairWords.enumerated() {
                appendPieces(of: word, wordID: index, nextWordID: &unused, workspace: &workspace, into: &pieces)
            }
            b = pieces
        }
        var encoding = try assemble(a, b, maxLength: maxLength, addSpecialTokens: addSpecialTokens)
        let firstStart = addSpecialTokens ? 1 : 0
        encoding.wordTokenRanges = Self.wordRanges(in: encoding, sequence: 0, start: firstStart,
                                                   wordCount: words.count)
        if let pairWords {
            let firstCount = encoding.sequenceIDs.lazy.filter { $0 == 0 }.count
            encoding.pairWordTokenRanges = Self.wordRanges(in: encoding, sequence: 1,
                                                           start: firstStart + firstCount + (addSpecialTokens ? 1 : 0),
                                                           wordCount: pairWords.count)
        }
        return encoding
    }

    /// Right-pads encodings to the longest of them.
    ///
    /// - Parameter encodings: a batch.
    /// - Returns: the batch, every encoding as long as the longest, padded with `[PAD]`.
    public func padBatch(_ encodings: [Encoding]) -> [Encoding] {
        let length = encodings.map(\.count).max() ?? 0
        return encodings.map { $0.padded(to: length, padID: padID, padToken: specialTokens.pad) }
    }

    // MARK: - Decoding

    /// Turns ids back into text as the WordPiece decoder of `tokenizers` does: pieces joined by spaces,
    /// `##` continuations glued, spaces before `. ? ! ,` and in contractions removed.
    ///
    /// - Parameters:
    ///   - ids: token ids; unknown ids are skipped.
    ///   - skipSpecialTokens: leave out special tokens (`[CLS]`, `[SEP]`, `[PAD]`, ...).
    public func decode(_ ids: [Int], skipSpecialTokens: Bool = true) -> String {
        var output = ""
        var first = true
        let prefix = "##"
        for id in ids {
            guard let token = token(forID: id), !(skipSpecialTokens && specialIDs.contains(id)) else { continue }
            var piece: String
            if first {
                piece = token
            } else if token.hasPrefix(prefix) {
                piece = String(token.dropFirst(prefix.count))
            } else {
                piece = " " + token
            }
            first = false
            for (dirty, clean) in Self.cleanup { piece = piece.replacingAll(dirty, with: clean) }
            output += piece
        }
        return output
    }

    static let cleanup: [(String, String)] = [
        (" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"), (" n't", "n't"), (" 'm", "'m"),
        (" do not", " don't"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"),
    ]

    // MARK: - Internals

    /// One token before assembly: id, original offsets, word index.
    struct Piece {
        var id: Int
        var offsets: Range<Int>
        var word: Int
    }

    /// Reusable buffers of one encode call.
    struct Workspace {
        var scalars: [UInt32] = []
        var words = NormalizedWords()
        var wordPieces: [(id: Int, start: Int, end: Int)] = []
    }

    /// Pieces of `text`: split on added tokens, then normalize, pre-tokenize and WordPiece each segment.
    /// Every piece gets `wordID` when given, else a fresh index from `nextWordID` per pre-token word.
    func appendPieces(of text: String, wordID: Int?, nextWordID: inout Int, workspace: inout Workspace,
                      into pieces: inout [Piece]) {
        var scalars = workspace.scalars
        workspace.scalars = []
        scalars.removeAll(keepingCapacity: true)
        for scalar in text.unicodeScalars { scalars.append(scalar.value) }
        defer { workspace.scalars = scalars }
        scalars.withUnsafeBufferPointer { source in
            var segmentStart = 0
            var position = 0
            while position < source.count {
                if addedFirstScalars.contains(source[position]),
                   let candidates = addedByFirstScalar[source[position]],
                   let match = candidates.first(where: { candidate in
                       candidate.scalars.count <= source.count - position
                           && candidate.scalars.indices.allSatisfy { source[position + $0] == candidate.scalars[$0] }
                   }) {
                    appendNormalPieces(source, segmentStart..<position, wordID: wordID, nextWordID: &nextWordID,
                                       workspace: &workspace, into: &pieces)
                    let word = wordID ?? nextWordID
                    if wordID == nil { nextWordID += 1 }
                    pieces.append(Piece(id: match.id, offsets: position..<(position + match.scalars.count),
                                        word: word))
                    position += match.scalars.count
                    segmentStart = position
                } else {
                    position += 1
                }
            }
            appendNormalPieces(source, segmentStart..<source.count, wordID: wordID, nextWordID: &nextWordID,
                               workspace: &workspace, into: &pieces)
        }
    }

    private func appendNormalPieces(_ source: UnsafeBufferPointer<UInt32>, _ range: Range<Int>, wordID: Int?,
                                    nextWordID: inout Int, workspace: inout Workspace,
                                    into pieces: inout [Piece]) {
        guard !range.isEmpty else { return }
        workspace.words.removeAll()
        basicTokenizer.append(UnsafeBufferPointer(rebasing: source[range]), base: range.lowerBound,
                              into: &workspace.words)
        let words = workspace.words
        for index in 0..<words.count {
            let wordRange = words.range(of: index)
            workspace.wordPieces.removeAll(keepingCapacity: true)
            wordPiece.tokenize(words.scalars[wordRange], into: &workspace.wordPieces)
            let word = wordID ?? nextWordID
            if wordID == nil { nextWordID += 1 }
            for piece in workspace.wordPieces {
                let start = wordRange.lowerBound + piece.start
                let end = wordRange.lowerBound + piece.end
                pieces.append(Piece(id: piece.id, offsets: words.offsets(of: start..<end), word: word))
            }
        }
    }

    /// Truncates (`longest_first`), adds the special tokens and fills an `Encoding`.
    func assemble(_ first: [Piece], _ second: [Piece]?, maxLength: Int?,
                  addSpecialTokens: Bool) throws(BertTokenizerError) -> Encoding {
        var a = first[...]
        var b = second?[...]
        let specials = addSpecialTokens ? (second == nil ? 2 : 3) : 0
        var overflow = 0
        if let maxLength {
            guard maxLength >= specials, maxLength > 0 else {
                throw .maxLengthTooSmall(maxLength: maxLength, specialTokens: specials)
            }
            let target = maxLength - specials
            if let pair = b {
                if a.count + pair.count > target {
                    // The `longest_first` strategy of `tokenizers`: cut the longer sequence down to the
                    // shorter, then both to half of the target each (the longer gets the odd token).
                    var n1 = a.count, n2 = pair.count
                    let swapped = n1 > n2
                    if swapped { swap(&n1, &n2) }
                    n2 = n1 > target ? n1 : max(n1, target - n1)
                    if n1 + n2 > target {
                        n1 = target / 2
                        n2 = n1 + target % 2
                    }
                    if swapped { swap(&n1, &n2) }
                    overflow = a.count + pair.count - min(a.count, n1) - min(pair.count, n2)
                    a = a.prefix(n1)
                    b = pair.prefix(n2)
                }
            } else if a.count > target {
                overflow = a.count - target
                a = a.prefix(target)
            }
        }

        let total = a.count + (b?.count ?? 0) + specials
        var encoding = Encoding(ids: [], tokens: [], offsets: [], typeIDs: [], attentionMask: [],
                                specialTokensMask: [], sequenceIDs: [], wordIDs: [], wordTokenRanges: [],
                                pairWordTokenRanges: [], overflowingTokenCount: overflow)
        encoding.ids.reserveCapacity(total)
        encoding.tokens.reserveCapacity(total)
        encoding.offsets.reserveCapacity(total)
        encoding.typeIDs.reserveCapacity(total)
        encoding.specialTokensMask.reserveCapacity(total)
        encoding.sequenceIDs.reserveCapacity(total)
        encoding.wordIDs.reserveCapacity(total)

        func appendSpecial(_ id: Int, type: Int) {
            encoding.ids.append(id)
            encoding.tokens.append(idToToken[id] ?? "")
            encoding.offsets.append(0..<0)
            encoding.typeIDs.append(type)
            encoding.specialTokensMask.append(true)
            encoding.sequenceIDs.append(nil)
            encoding.wordIDs.append(nil)
        }
        func appendSequence(_ pieces: ArraySlice<Piece>, sequence: Int) {
            for piece in pieces {
                encoding.ids.append(piece.id)
                encoding.tokens.append(idToToken[piece.id] ?? "")
                encoding.offsets.append(piece.offsets)
                encoding.typeIDs.append(sequence)
                encoding.specialTokensMask.append(false)
                encoding.sequenceIDs.append(sequence)
                encoding.wordIDs.append(piece.word)
            }
        }
        if addSpecialTokens { appendSpecial(clsID, type: 0) }
        appendSequence(a, sequence: 0)
        if addSpecialTokens { appendSpecial(sepID, type: 0) }
        if let b {
            appendSequence(b, sequence: 1)
            if addSpecialTokens { appendSpecial(sepID, type: 1) }
        }
        encoding.attentionMask = Array(repeating: 1, count: encoding.ids.count)
        return encoding
    }

    /// Token range of each word of one sequence, whose tokens start at `start`; words without tokens get
    /// an empty range in place.
    static func wordRanges(in encoding: Encoding, sequence: Int, start: Int, wordCount: Int) -> [Range<Int>] {
        var position = start
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(wordCount)
        for word in 0..<wordCount {
            let begin = position
            while position < encoding.count, encoding.sequenceIDs[position] == sequence,
                  encoding.wordIDs[position] == word {
                position += 1
            }
            ranges.append(begin..<position)
        }
        return ranges
    }
}

extension String {
    /// `self` with every occurrence of `target` replaced (no Foundation needed).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}
