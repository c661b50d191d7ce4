// Tokenizer throughput on a CoNLL benchmark folder; compiled with the tokenizer sources by bench_tokenizer.sh.
import Foundation

let arguments = CommandLine.arguments
let modelFolder = URL(fileURLWithPath: arguments[1])
let dataFolder = URL(fileURLWithPath: arguments[2])
let rounds = arguments.count > 3 ? Int(arguments[3]) ?? 20 : 20

var start = Date()
let tokenizer = try BertTokenizer(folder: modelFolder)
print("load: \(String(format: "%.3f", Date().timeIntervalSince(start))) s")

// Sentences of the CoNLL files (one "word<TAB>tag" a line, blank lines between sentences).
var sentences: [[String]] = []
for name in ["train.txt", "dev.txt", "test.txt"] {
    guard let text = try? String(contentsOf: dataFolder.appendingPathComponent(name), encoding: .utf8) else { continue }
    var words: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.trimmingCharacters(in: .whitespaces).isEmpty {
            if !words.isEmpty { sentences.append(words) }
            words = []
        } else if let word = line.split(separator: "\t").first {
            words.append(String(word))
        }
    }
    if !words.isEmpty { sentences.append(words) }
}
let texts = sentences.map { $0.joined(separator: " ") }
let scalars = texts.reduce(0) { $0 + $1.unicodeScalars.count }
print("sentences: \(sentences.count), mean length \(scalars / max(sentences.count, 1)) scalars")

func measure(_ label: String, _ body: () throws -> Int) rethrows {
    var rates: [Double] = []
    var tokens = 0
    for _ in 0..<rounds {
        start = Date()
        tokens = try body()
        rates.append(Double(sentences.count) / Date().timeIntervalSince(start))
    }
    rates.sort()
    print("\(label): median \(Int(rates[rates.count / 2])) sentences/s (best \(Int(rates.last!))), "
          + "\(tokens / max(sentences.count, 1)) tokens per sentence")
}
try measure("encode(text)") { try texts.reduce(0) { $0 + (try tokenizer.encode($1)).count } }
try measure("encode(words:)") { try sentences.reduce(0) { $0 + (try tokenizer.encode(words: $1)).count } }
