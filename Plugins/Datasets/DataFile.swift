import Foundation
import UniNERCore

/// A data file read into memory, split into lines with their 1-based numbers, for located errors.
///
/// Lines are split on `\n` (a trailing `\r` is dropped) on the UTF-8 bytes, which keeps reading multi-megabyte
/// files fast even in debug builds.
struct DataFile {
    let url: URL
    let bytes: [UInt8]

    /// The file name as errors print it.
    var name: String { url.path }

    /// - Throws: `DataError` when the file cannot be read.
    init(_ url: URL) throws {
        self.url = url
        do {
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            throw DataError(file: url.path, "cannot read file: \(error.localizedDescription)",
                            help: "check the path and UNINER_DATA")
        }
    }

    /// The whole file as text.
    /// - Throws: `DataError` when the file is not UTF-8.
    func text() throws -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DataError(file: name, "file is not valid UTF-8")
        }
        return text
    }

    /// Calls `body` with each line's number (from 1) and its bytes, without the line break.
    func forEachLine(_ body: (Int, ArraySlice<UInt8>) throws -> Void) rethrows {
        var lineNumber = 0
        var start = 0
        let count = bytes.count
        while start < count {
            var end = start
            while end < count && bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            var stop = end
            if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
            try body(lineNumber, bytes[start..<stop])
            start = end + 1
        }
    }

    /// A located error in this file.
    func error(line: Int?, _ message: String, help: String? = nil) -> DataError {
        DataError(file: name, line: line, message, help: help)
    }
}

/// Splitting one line of bytes into fields.
enum FieldSplitter {
    /// Fields separated by single tabs (empty fields kept).
    static func tabs(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        line.split(separator: 0x09, omittingEmptySubsequences: false)
    }

    /// Fields separated by runs of spaces or tabs (empty fields dropped).
    static func whitespace(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        line.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 })
    }

    /// Whether the line has only spaces and tabs.
    static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// Decodes a field as UTF-8 text.
    static func string(_ field: ArraySlice<UInt8>, file: DataFile, line: Int) throws -> String {
        guard let text = String(validating: field, as: UTF8.self) else {
            throw file.error(line: line, "field is not valid UTF-8")
        }
        return text
    }
}
