/// Seeded byte-level mutations of seed inputs: flips, interesting tokens, deletes, duplicates, splices, long
/// lines, deep nesting and invalid UTF-8. Deterministic for a given generator state.
struct Mutator {
    /// The largest input produced; longer results are truncated.
    var maxSize: Int
    /// Tokens worth inserting: the generic ones plus words taken from the target's seeds.
    var dictionary: [[UInt8]]

    /// Tokens that tend to break parsers of YAML, JSON, CSV and column files.
    static let interesting: [String] = [
        "\"", "'", "\"\"", "[", "]", "{", "}", "[]", "{}", ": ", ":", ",", ", ", "\n", "\r\n", "\r", "\t", " ", "\n\n",
        "&a ", "*a", "&a [1, 2, 3]", "&b [*a, *a, *a, *a, *a, *a, *a, *a, *a]", "<<: *a", "!!binary ", "!!str ",
        "!!map ", "!!seq ", "!<tag:yaml.org,2002:int> ", "? ", "- ", "---\n", "...\n", "| ", "> ", "# ", "%YAML 1.1\n",
        "${", "}", "${A}", "${A:-${B:-x}}", "${UNDEFINED}", "${A:-}", "$", "$$", "${${A}}",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "99999999999999999999999999999", "1e308", "1e309", "-1e309", "4.9e-324", "-1", "0", "-0", "0x7fffffffffffffff",
        "NaN", "nan", ".nan", ".NaN", ".inf", "-.inf", "Infinity", "-Infinity", "null", "~", "true", "false", "yes",
        "\u{0}", "\u{FEFF}", "\u{2028}", "\u{0301}", "é", "🙂", "\u{1F1FA}\u{1F1F8}", "\u{200B}", "\\u0000", "\\ud800",
        "\\", "\\\"", "-DOCSTART-", "O", "B-", "I-", "B-X", "I-X", "B-PER", "I-ORG", "_", "\t\t", "kind", "sweep",
        "scales", "scale", "name", "path", "seed",
    ]

    init(maxSize: Int, seeds: [[UInt8]]) {
        self.maxSize = maxSize
        var words = Set<[UInt8]>()
        for seed in seeds {
            var word: [UInt8] = []
            for byte in seed + [0x20] {
                let isWordByte = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
                    || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x2D || byte >= 0x80
                if isWordByte { word.append(byte); continue }
                if word.count >= 2 && word.count <= 40 { words.insert(word) }
                word.removeAll()
            }
        }
        dictionary = Self.interesting.map { Array($0.utf8) } + words.sorted { $0.lexicographicallyPrecedes($1) }.prefix(400)
    }

    /// Applies one to eight stacked mutations to `input`; `other` is a second seed for splices.
    func mutate(_ input: [UInt8], other: [UInt8], random: inout FuzzRandom) -> [UInt8] {
        var data = input
        let count = 1 + (random.oneIn(4) ? random.below(8) : random.below(3))
        for _ in 0..<count {
            mutateOnce(&data, other: other, random: &random)
        }
        if data.count > maxSize { data.removeLast(data.count - maxSize) }
        return data
    }

    private func mutateOnce(_ data: inout [UInt8], other: [UInt8], random: inout FuzzRandom) {
        guard !data.isEmpty else {
            data = dictionary[random.below(dictionary.count)]
            return
        }
        let position = random.below(data.count + 1)
        switch random.below(18) {
        case 0:   // flip one bit
            let index = random.below(data.count)
            data[index] ^= UInt8(1 << random.below(8))
        case 1:   // set one byte to an edge value
            data[random.below(data.count)] = [0x00, 0xFF, 0x80, 0x7F, 0x0A, 0x22, 0x2C, 0x09, 0x3A][random.below(9)]
        case 2, 3, 4:   // insert a dictionary token
            data.insert(contentsOf: dictionary[random.below(dictionary.count)], at: position)
        case 5:   // replace a range with a dictionary token
            let end = min(data.count, position + random.below(8))
            data.replaceSubrange(position..<end, with: dictionary[random.below(dictionary.count)])
        case 6, 7:   // delete a range
            let end = min(data.count, position + 1 + random.below(random.oneIn(4) ? 256 : 16))
            data.removeSubrange(position..<end)
        case 8:   // duplicate a chunk, possibly many times
            let start = random.below(data.count)
            let end = min(data.count, start + 1 + random.below(128))
            let chunk = Array(data[start..<end])
            let times = min(random.oneIn(8) ? 1 + random.below(200) : 1, room(data) / chunk.count + 1)
            let target = random.below(data.count + 1)
            data.insert(contentsOf: [[UInt8]](repeating: chunk, count: times).joined(), at: target)
        case 9:   // splice: this input's head with the other seed's tail
            let cut = random.below(other.count + 1)
            data = Array(data[..<position]) + other[cut...]
        case 10:   // duplicate or swap whole lines
            lineMutation(&data, random: &random)
        case 11, 15, 16:   // replace a run of digits with an extreme number (offsets and indices are everywhere)
            replaceNumber(&data, at: position, random: &random)
        case 12:   // a very long line
            let unit = [[0x61], [0x61, 0x20], [0x22], [0x5B], Array("é".utf8), [0x2C]][random.below(6)] as [UInt8]
            let times = min([1_000, 10_000, 60_000][random.below(3)], room(data) / unit.count + 1)
            data.insert(contentsOf: [[UInt8]](repeating: unit, count: times).joined(), at: position)
        case 13:   // deep nesting
            let (open, close) = [("[", "]"), ("{a: ", "}"), ("- ", ""), ("{\"a\": ", "}"), ("[[", "]]")][random.below(5)]
            let depth = min([64, 1_000, 20_000][random.below(3)], room(data) / (open.utf8.count + close.utf8.count) + 1)
            let nest = String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
            data.insert(contentsOf: Array(nest.utf8), at: position)
        case 14:   // invalid UTF-8
            let bad: [[UInt8]] = [[0xC3], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82]]
            data.insert(contentsOf: bad[random.below(bad.count)], at: position)
        default:   // random bytes
            let length = 1 + random.below(8)
            data.insert(contentsOf: (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: position)
        }
    }

    /// How many bytes may still be added before the input reaches `maxSize`.
    private func room(_ data: [UInt8]) -> Int {
        max(0, maxSize - data.count)
    }

    private func lineMutation(_ data: inout [UInt8], random: inout FuzzRandom) {
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        guard !lines.isEmpty else { return }
        let a = random.below(lines.count), b = random.below(lines.count)
        switch random.below(3) {
        case 0: lines.swapAt(a, b)
        case 1: lines.insert(lines[a], at: b)
        default: lines.remove(at: a)
        }
        data = Array(lines.joined(separator: [0x0A]))
    }

    private func replaceNumber(_ data: inout [UInt8], at position: Int, random: inout FuzzRandom) {
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        guard let start = data[position...].firstIndex(where: isDigit) ?? data.firstIndex(where: isDigit) else { return }
        let end = data[start...].firstIndex { !isDigit($0) } ?? data.count
        let numbers = ["-1", "0", "9223372036854775807", "-9223372036854775808", "99999999999999999999", "1e308",
                       "NaN", "2147483648", "4294967296", "1000000000", "65536", "1.5", "-0"]
        data.replaceSubrange(start..<end, with: Array(numbers[random.below(numbers.count)].utf8))
    }
}
