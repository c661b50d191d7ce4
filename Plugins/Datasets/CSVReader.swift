import UniNERCore

/// A small RFC 4180 CSV reader: quoted fields may hold commas, doubled quotes and line breaks.
enum CSVReader {
    /// One record and the line it starts on.
    struct Record {
        var line: Int
        var fields: [String]
    }

    /// Reads every record of a file (a record of one empty field stands for an empty line).
    /// - Throws: `DataError` at the line of an unterminated quoted field or bad UTF-8.
    static func records(of file: DataFile, separator: UInt8 = 0x2C) throws -> [Record] {
        let bytes = file.bytes
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1
        var index = 0
        var quoted = false, quoteLine = 0
        func endField() throws {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw file.error(line: recordLine, "field is not valid UTF-8")
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < bytes.count && bytes[index + 1] == 0x22 {
                        field.append(0x22); index += 2; continue
                    }
                    quoted = false
                } else {
                    if byte == 0x0A { line += 1 }
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case 0x22 where field.isEmpty:
                quoted = true; quoteLine = line
            case separator:
                try endField()
            case 0x0A:
                if field.last == 0x0D { field.removeLast() }
                try endField()
                records.append(Record(line: recordLine, fields: fields))
                fields.removeAll()
                line += 1
                recordLine = line
            default:
                field.append(byte)
            }
            index += 1
        }
        if quoted {
            throw file.error(line: quoteLine, "unterminated quoted field", help: "a field that starts with \" must end with \"")
        }
        if !field.isEmpty || !fields.isEmpty {
            try endField()
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}
