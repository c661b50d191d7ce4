import Foundation
import UniNERCore

/// A data file read into memory, split into lines with their 1-based numbers, for located errors.
///
/// Lines and fields are byte ranges into the file, found with plain loops over an unsafe buffer: that keeps
/// reading multi-megabyte files fast even in debug builds, where generic collection code is slow. The file is
/// checked to be UTF-8 once, when it is read.
public struct DataFile {
    public let url: URL
    public let bytes: [UInt8]

    /// The file name as errors print it.
    public var name: String { url.path }

    /// - Throws: `DataError` when the file cannot be read or is not UTF-8 (naming the first bad line).
    /// - Parameter unreadableHelp: what to check when the file cannot be read.
    public init(_ url: URL, unreadableHelp: String = "check the path and UNINER_DATA") throws {
        self.url = url
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError(file: url.path, "cannot read file: \(error.localizedDescription)",
                            help: unreadableHelp)
        }
        bytes = [UInt8](data)
        if String(data: data, encoding: .utf8) == nil {
            var badLine: Int?
            forEachLine { number, range in
                if badLine == nil, String(data: Data(bytes[range]), encoding: .utf8) == nil { badLine = number }
            }
            throw DataError(file: url.path, line: badLine, "file is not valid UTF-8")
        }
    }

    /// The whole file as text.
    public func text() -> String { String(decoding: bytes, as: UTF8.self) }

    /// Calls `body` with each line's number (from 1) and its byte range, without the line break (`\n` or `\r\n`).
    public func forEachLine(_ body: (Int, Range<Int>) throws -> Void) rethrows {
        try bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var number = 0, start = 0
            while start < count {
                var end = start
                while end < count && buffer[end] != 0x0A { end += 1 }
                number += 1
                var stop = end
                if stop > start && buffer[stop - 1] == 0x0D { stop -= 1 }
                try body(number, start..<stop)
                start = end + 1
            }
        }
    }

    /// The text of a byte range (the file is valid UTF-8, so nothing is repaired).
    public func string(_ range: Range<Int>) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// Whether a byte range holds exactly `ascii`.
    func equals(_ range: Range<Int>, _ ascii: StaticString) -> Bool {
        guard range.count == ascii.utf8CodeUnitCount else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            let expected = ascii.utf8Start
            var offset = 0
            while offset < range.count {
                if buffer[range.lowerBound + offset] != expected[offset] { return false }
                offset += 1
            }
            return true
        }
    }

    /// Whether a byte range has only spaces and tabs.
    func isBlank(_ range: Range<Int>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = range.lowerBound
            while index < range.upperBound {
                if buffer[index] != 0x20 && buffer[index] != 0x09 { return false }
                index += 1
            }
            return true
        }
    }

    /// The fields of a line: split on single tabs (empty fields kept) or on runs of spaces and tabs.
    func fields(_ range: Range<Int>, tabsOnly: Bool) -> [Range<Int>] {
        var result: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buffer in
            var index = range.lowerBound
            if tabsOnly {
                var start = index
                while index < range.upperBound {
                    if buffer[index] == 0x09 { result.append(start..<index); start = index + 1 }
                    index += 1
                }
                result.append(start..<range.upperBound)
            } else {
                while index < range.upperBound {
                    while index < range.upperBound && (buffer[index] == 0x20 || buffer[index] == 0x09) { index += 1 }
                    let start = index
                    while index < range.upperBound && buffer[index] != 0x20 && buffer[index] != 0x09 { index += 1 }
                    if index > start { result.append(start..<index) }
                }
            }
        }
        return result
    }

    /// The tab-separated fields of a line as strings.
    func tabFields(_ range: Range<Int>) -> [String] {
        fields(range, tabsOnly: true).map(string)
    }

    /// A located error in this file.
    public func error(line: Int?, _ message: String, help: String? = nil) -> DataError {
        DataError(file: name, line: line, message, help: help)
    }
}
