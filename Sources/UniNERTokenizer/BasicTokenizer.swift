/// BERT's normalizer and pre-tokenizer: cleans the text, isolates CJK ideographs, strips accents,
/// lower-cases, then splits on whitespace and around every punctuation character.
///
/// It follows the `tokenizers` library (`BertNormalizer` + `BertPreTokenizer`) step for step, in its
/// order: clean text, CJK, strip accents (NFD, then drop nonspacing marks), lowercase. Control characters,
/// nonspacing marks and punctuation beyond ASCII are those of the library's own Unicode tables
/// (`BertCharacterClasses`); unassigned code points are ordinary characters, as there. Every normalized
/// scalar remembers the index of the original scalar it came from, so words report offsets into the
/// original string, counted in Unicode scalars (Python `str` indices).
///
/// ```swift
/// let basic = BasicTokenizer(options: .init(lowercase: true))
/// basic.split("Héllo, World!").map(\.text)   // ["hello", ",", "world", "!"]
/// ```
public struct BasicTokenizer: Sendable, Equatable {
    /// The normalizer flags of `tokenizer.json` (`normalizer`) or `tokenizer_config.json`.
    public struct Options: Sendable, Equatable {
        /// Drop control characters, NUL and U+FFFD; treat every whitespace character as a space.
        public var cleanText: Bool
        /// Put spaces around CJK ideographs, so each becomes a word.
        public var handleChineseChars: Bool
        /// Lower-case (full Unicode lowercase mapping, without context).
        public var lowercase: Bool
        /// Strip accents; `nil` follows `lowercase`, as in BERT.
        public var stripAccents: Bool?

        /// - Parameters:
        ///   - cleanText: drop control characters and map whitespace to spaces.
        ///   - handleChineseChars: make every CJK ideograph its own word.
        ///   - lowercase: lower-case the text.
        ///   - stripAccents: strip accents; `nil` follows `lowercase`.
        public init(cleanText: Bool = true, handleChineseChars: Bool = true, lowercase: Bool = true,
                    stripAccents: Bool? = nil) {
            self.cleanText = cleanText
            self.handleChineseChars = handleChineseChars
            self.lowercase = lowercase
            self.stripAccents = stripAccents
        }

        /// Whether accents are stripped, once `nil` is resolved.
        public var stripsAccents: Bool { stripAccents ?? lowercase }
    }

    /// One pre-token: its normalized text and its offsets in the original string.
    public struct Word: Sendable, Equatable, CustomStringConvertible {
        /// The normalized text (lower-cased, accents stripped as configured).
        public var text: String
        /// Start and end in Unicode scalars of the original string.
        public var offsets: Range<Int>

        public init(text: String, offsets: Range<Int>) {
            self.text = text
            self.offsets = offsets
        }

        public var description: String { "\(text)@\(offsets.lowerBound)..<\(offsets.upperBound)" }
    }

    /// The normalizer flags.
    public let options: Options

    /// - Parameter options: the normalizer flags.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Normalizes and splits `text` into words.
    ///
    /// - Parameter text: any string; control characters and whitespace-only input give no words.
    /// - Returns: the words in order, each with offsets in Unicode scalars of `text`.
    /// - Complexity: O(n) in the number of scalars.
    public func split(_ text: String) -> [Word] {
        let scalars = text.unicodeScalars.map(\.value)
        var buffer = NormalizedWords()
        scalars.withUnsafeBufferPointer { append($0, base: 0, into: &buffer) }
        return (0..<buffer.count).map { index in
            let range = buffer.range(of: index)
            var string = String.UnicodeScalarView()
            for value in buffer.scalars[range] {
                if let scalar = Unicode.Scalar(value) { string.append(scalar) }
            }
            return Word(text: String(string), offsets: buffer.offsets(of: range))
        }
    }

    /// Normalizes `source` and appends its words to `buffer`; `base` is added to every origin index.
    func append(_ source: UnsafeBufferPointer<UInt32>, base: Int, into buffer: inout NormalizedWords) {
        var inWord = false
        let strip = options.stripsAccents
        var pending: [UInt32] = []
        pending.reserveCapacity(8)

        for (position, value) in source.enumerated() {
            let origin = Int32(base + position)
            if value < 0x80 {
                // ASCII fast path.
                switch Self.asciiClass[Int(value)] {
                case .word:
                    if !inWord { buffer.startWord(); inWord = true }
                    let lowered = options.lowercase && value >= 0x41 && value <= 0x5A ? value + 0x20 : value
                    buffer.append(lowered, origin: origin)
                case .whitespace:
                    inWord = false
                case .control:
                    if options.cleanText { continue }
                    if value == 0x0B || value == 0x0C {
                        inWord = false
                    } else {
                        if !inWord { buffer.startWord(); inWord = true }
                        buffer.append(value, origin: origin)
                    }
                case .punctuation:
                    buffer.startWord()
                    buffer.append(value, origin: origin)
                    inWord = false
                }
                continue
            }
            guard let scalar = Unicode.Scalar(value) else { continue }
            if options.cleanText && BertCharacterClasses.class(of: value) == .control { continue }
            let properties = scalar.properties
            if properties.isWhitespace {
                inWord = false
                continue
            }
            let chinese = options.handleChineseChars && Self.isChineseChar(value)
            if chinese { inWord = false }

            // Every scalar of the decomposition keeps the original scalar as its origin.
            pending.removeAll(keepingCapacity: true)
            if strip {
                CanonicalDecomposition.append(value, to: &pending)
            } else {
                pending.append(value)
            }
            for part in pending {
                guard let partScalar = Unicode.Scalar(part) else { continue }
                let partProperties = part == value ? properties : partScalar.properties
                if strip && BertCharacterClasses.class(of: part) == .mark { continue }
                if options.lowercase && partProperties.changesWhenLowercased {
                    for lowered in partProperties.lowercaseMapping.unicodeScalars {
                        appendNormalized(lowered.value, origin: origin, inWord: &inWord, into: &buffer)
                    }
                } else {
                    appendNormalized(part, origin: origin, inWord: &inWord, into: &buffer)
                }
            }
            if chinese { inWord = false }
        }
    }

    /// Places one normalized scalar: splits on whitespace, isolates punctuation, extends the word otherwise.
    @inline(__always)
    private func appendNormalized(_ value: UInt32, origin: Int32, inWord: inout Bool,
                                  into buffer: inout NormalizedWords) {
        if Self.isPunctuation(value) {
            buffer.startWord()
            buffer.append(value, origin: origin)
            inWord = false
        } else if Self.isWhitespace(value) {
            inWord = false
        } else {
            if !inWord { buffer.startWord(); inWord = true }
            buffer.append(value, origin: origin)
        }
    }

    // MARK: - Character classes (those of `tokenizers`' BertNormalizer and BertPreTokenizer)

    enum ASCIIClass { case word, whitespace, control, punctuation }

    static let asciiClass: [ASCIIClass] = (0..<128).map { value -> ASCIIClass in
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20: return .whitespace
        case 0x00..<0x20, 0x7F: return .control
        case 33...47, 58...64, 91...96, 123...126: return .punctuation
        default: return .word
        }
    }

    /// ASCII punctuation (which includes `$+<=>^`|~`) or, beyond ASCII, the library's P* table.
    @inline(__always)
    static func isPunctuation(_ value: UInt32) -> Bool {
        if value < 0x80 { return asciiClass[Int(value)] == .punctuation }
        return BertCharacterClasses.class(of: value) == .punctuation
    }

    /// The Unicode White_Space property (Rust's `char::is_whitespace`).
    static func isWhitespace(_ value: UInt32) -> Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return Unicode.Scalar(value)?.properties.isWhitespace ?? false
    }

    /// The CJK ideograph blocks of `tokenizers`' BertNormalizer.
    static func isChineseChar(_ value: UInt32) -> Bool {
        switch value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
             0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}

/// Normalized scalars of a text, grouped into words, each scalar with the index of its original scalar.
struct NormalizedWords {
    /// Normalized scalars, words back to back.
    var scalars: [UInt32] = []
    /// For each normalized scalar, the index of the original scalar it came from.
    var origins: [Int32] = []
    /// Index in `scalars` where each word starts.
    var wordStarts: [Int] = []

    var count: Int { wordStarts.count }

    @inline(__always)
    mutating func startWord() { wordStarts.append(scalars.count) }

    @inline(__always)
    mutating func append(_ value: UInt32, origin: Int32) {
        scalars.append(value)
        origins.append(origin)
    }

    /// Range of word `index` in `scalars`.
    func range(of index: Int) -> Range<Int> {
        wordStarts[index]..<(index + 1 < wordStarts.count ? wordStarts[index + 1] : scalars.count)
    }

    /// Original offsets of normalized scalars `range` (not empty).
    func offsets(of range: Range<Int>) -> Range<Int> {
        Int(origins[range.lowerBound])..<(Int(origins[range.upperBound - 1]) + 1)
    }

    mutating func removeAll() {
        scalars.removeAll(keepingCapacity: true)
        origins.removeAll(keepingCapacity: true)
        wordStarts.removeAll(keepingCapacity: true)
    }
}
