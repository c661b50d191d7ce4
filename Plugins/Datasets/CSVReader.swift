import UniNERCore

/// A small RFC 4180 CSV reader: quoted fields may hold separators, doubled quotes and line breaks.
enum CSVReader {
    /// One record and the line it starts on.
    struct Record {
        var line: Int
        var fields: [String]
    }

    /// Reads every record of a file (an empty line gives a record of one empty field).
    /// - Throws: `DataError` at the line where an unterminated quoted field starts.
    static func records(of file: DataFile, separator: UInt8 = 0x2C) throws -> [Record] {
        var records: [Record] = []
        var failure: Int?
        file.bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var index = 0, line = 1
            var fields: [String] = []
            var recordLine = 1
            while index < count {
                // One field starts at `index`.
                if buffer[index] == 0x22 {
                    let quoteLine = line
                    var bytes: [UInt8] = []
                    var segment = index + 1
                    index += 1
                    var closed = false
                    while index < count {
                        if buffer[index] == 0x22 {
                            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[segment..<index]))
                            if index + 1 < count && buffer[index + 1] == 0x22 {
                                bytes.append(0x22); index += 2; segment = index; continue
                            }
                            index += 1; closed = true; break
                        }
                        if buffer[index] == 0x0A { line += 1 }
                        index += 1
                    }
                    guard closed else { failure = quoteLine; return }
                    // Anything between the closing quote and the separator is kept, as Python's csv does.
                    let rest = index
                    while index < count && buffer[index] != separator && buffer[index] != 0x0A { index += 1 }
                    var end = index
                    if end > rest && buffer[end - 1] == 0x0D && (index == count || buffer[index] == 0x0A) { end -= 1 }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[rest..<end]))
                    fields.append(String(decoding: bytes, as: UTF8.self))
                } else {
                    let start = index
                    while index < count && buffer[index] != separator && buffer[index] != 0x0A { index += 1 }
                    var end = index
                    if end > start && buffer[end - 1] == 0x0D && (index == count || buffer[index] == 0x0A) { end -= 1 }
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self))
                }
                if index < count && buffer[index] == separator {
                    index += 1
                    if index == count { fields.append("") }
                    continue
                }
                records.append(Record(line: recordLine, fields: fields))
                fields.removeAll(keepingCapacity: true)
                if index < count { index += 1; line += 1 }   // the line break
                recordLine = line
            }
            if !fields.isEmpty { records.append(Record(line: recordLine, fields: fields)) }
        }
        if let failure {
            throw file.error(line: failure, "unterminated quoted field", help: "a field that starts with \" must end with \"")
        }
        return records
    }
}
