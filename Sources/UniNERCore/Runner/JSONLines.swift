import Foundation

/// Reading and writing JSON-lines files (one record per line), the format of predictions and stage artifacts.
public enum JSONLines {
    /// Writes the records atomically (temp file + rename).
    public static func write<T: Encodable>(_ records: [T], to url: URL) throws {
        let encoder = JSONEncoder.stable
        var data = Data()
        for record in records {
            data.append(try encoder.encode(record))
            data.append(0x0A)
        }
        try AtomicFile.write(data, to: url)
    }

    /// Reads every non-empty line as a `T`.
    /// - Throws: `DataError` naming the file and line of the first bad record.
    public static func read<T: Decodable>(_ type: T.Type, from url: URL) throws -> [T] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw DataError(file: url.path, "cannot read the file", help: "check the path")
        }
        let decoder = JSONDecoder()
        var records: [T] = []
        var lineNumber = 0
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do {
                records.append(try decoder.decode(T.self, from: Data(line)))
            } catch {
                throw DataError(file: url.path, line: lineNumber, "not a valid \(T.self) record: \(Self.reason(error))",
                                help: "each line must be one JSON object")
            }
        }
        return records
    }

    static func reason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing key '\(key.stringValue)'"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? context.debugDescription
                : "'\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
        default: "\(error)"
        }
    }
}
