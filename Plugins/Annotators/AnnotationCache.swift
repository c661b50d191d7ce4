import Foundation
import UniNERCore
import OpenAICompatible
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An append-only JSON-lines file of teacher answers, keyed by a hash of what was asked, so that a rerun
/// sends no request for a passage already answered and a crash loses at most the requests in flight.
///
/// Durability rules:
/// - one complete record per line, written with a single `write(2)` under an exclusive `flock`, then `fsync`;
/// - a record counts only when its line ends with `\n` and decodes; a torn last line (a writer killed
///   mid-write) is ignored and truncated away when the file is opened, so the next append starts clean;
/// - keys are unique: loading keeps the first record of a key (later ones are counted in
///   `duplicatesIgnored`), and `append` writes nothing for a key already present.
///
/// The raw answer is stored, not the parsed mentions, so parser or filter changes apply to cached answers.
/// Records hold no secret: the API key is not part of the key or the record.
public actor AnnotationCache {
    /// One answered request.
    public struct Record: Codable, Sendable, Hashable {
        public var key: String
        public var passageID: String
        public var model: String
        /// The teacher's raw answer.
        public var output: String
        public var promptTokens: Int
        public var completionTokens: Int
        /// `stop`, or `length` when the answer was cut off by `max_tokens`.
        public var finishReason: String?

        public init(key: String, passageID: String, model: String, output: String, promptTokens: Int = 0,
                    completionTokens: Int = 0, finishReason: String? = nil) {
            self.key = key
            self.passageID = passageID
            self.model = model
            self.output = output
            self.promptTokens = promptTokens
            self.completionTokens = completionTokens
            self.finishReason = finishReason
        }

        enum CodingKeys: String, CodingKey {
            case key, passageID = "passage_id", model, output
            case promptTokens = "prompt_tokens", completionTokens = "completion_tokens", finishReason = "finish_reason"
        }
    }

    /// What opening the file found.
    public struct LoadSummary: Sendable, Hashable {
        public var records = 0
        /// Records whose key was already loaded (the first one wins).
        public var duplicatesIgnored = 0
        /// Complete lines that did not decode as a record.
        public var corruptLines = 0
        /// Bytes of a torn last line that were truncated away.
        public var truncatedBytes = 0
    }

    public let url: URL
    public private(set) var loadSummary = LoadSummary()
    private var records: [String: Record] = [:]

    /// Opens (creating if needed) the cache file at `url`, loading its valid records and truncating a torn tail.
    /// - Throws: `AnnotationCacheError` when the file cannot be created, locked, read or truncated.
    public init(url: URL) throws {
        self.url = url
        let (records, summary) = try Self.load(url)
        self.records = records
        self.loadSummary = summary
    }

    /// The cache key of one teacher request: SHA-256 over a canonical JSON of the endpoint, the model, the
    /// messages (or prompt) and the passage text. The API key is deliberately not an input.
    public static func key(endpoint: String, model: String, messages: [OpenAIMessage], passageText: String) -> String {
        struct Canonical: Encodable {
            var version = 1
            var endpoint: String
            var model: String
            var messages: [OpenAIMessage]
            var passage: String
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Canonical(endpoint: endpoint, model: model, messages: messages, passage: passageText)))
            ?? Data("\(endpoint)\u{0}\(model)\u{0}\(messages)\u{0}\(passageText)".utf8)
        return SHA256.hex(bytes: data)
    }

    public var count: Int { records.count }

    public func record(for key: String) -> Record? { records[key] }

    /// Every record, in no particular order.
    public var allRecords: [Record] { Array(records.values) }

    /// Appends `record` durably unless its key is already present.
    /// - Returns: `false` when the key was already cached (nothing written).
    /// - Throws: `AnnotationCacheError` when the write or fsync fails.
    @discardableResult
    public func append(_ record: Record) throws -> Bool {
        guard records[record.key] == nil else { return false }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = try encoder.encode(record)
        line.append(0x0A)
        let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AnnotationCacheError(url: url, operation: "open for append", code: errno) }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw AnnotationCacheError(url: url, operation: "lock", code: errno) }
        defer { flock(fd, LOCK_UN) }
        try line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw AnnotationCacheError(url: url, operation: "write", code: errno)
                }
                offset += written
            }
        }
        guard fsync(fd) == 0 else { throw AnnotationCacheError(url: url, operation: "fsync", code: errno) }
        records[record.key] = record
        return true
    }

    // MARK: - Loading

    private static func load(_ url: URL) throws -> ([String: Record], LoadSummary) {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AnnotationCacheError(url: url, operation: "open", code: errno) }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw AnnotationCacheError(url: url, operation: "lock", code: errno) }
        defer { flock(fd, LOCK_UN) }

        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = read(fd, &chunk, chunk.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw AnnotationCacheError(url: url, operation: "read", code: errno)
            }
            if count == 0 { break }
            data.append(contentsOf: chunk[0..<count])
        }

        var summary = LoadSummary()
        let completeLength = (data.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
        if completeLength < data.count {
            summary.truncatedBytes = data.count - completeLength
            guard ftruncate(fd, off_t(completeLength)) == 0, fsync(fd) == 0 else {
                throw AnnotationCacheError(url: url, operation: "truncate torn last line", code: errno)
            }
        }
        var records: [String: Record] = [:]
        let decoder = JSONDecoder()
        for line in data[0..<completeLength].split(separator: 0x0A) where !line.isEmpty {
            guard let record = try? decoder.decode(Record.self, from: Data(line)), !record.key.isEmpty else {
                summary.corruptLines += 1
                continue
            }
            if records[record.key] == nil {
                records[record.key] = record
                summary.records += 1
            } else {
                summary.duplicatesIgnored += 1
            }
        }
        return (records, summary)
    }
}

/// A cache file operation failed.
public struct AnnotationCacheError: LocalizedError, Sendable, Equatable {
    public var path: String
    public var operation: String
    public var code: Int32

    public init(url: URL, operation: String, code: Int32) {
        self.path = url.path
        self.operation = operation
        self.code = code
    }

    public var errorDescription: String? {
        "error: annotation cache \(path): \(operation) failed: \(String(cString: strerror(code)))\n  help: check that the cache folder is writable and the disk is not full"
    }
}
