import Foundation
import UniNERFiles

/// The safetensors format, by hand: an 8-byte little-endian header length, a JSON header
/// (`{"name": {"dtype", "shape", "data_offsets"}, "__metadata__": {...}}`), then raw little-endian data.
public struct SafeTensors {
    /// One tensor's header entry.
    public struct Entry: Equatable, Sendable {
        /// "F32", "F16", "BF16", "I64", ...
        public let dtype: String
        public let shape: [Int]
        /// Byte range within the data section.
        public let begin: Int, end: Int
    }

    /// The tensors by name.
    public let entries: [String: Entry]
    /// The `__metadata__` string map.
    public let metadata: [String: String]
    /// The file path, for error messages.
    public let path: String
    private let bytes: Data
    private let dataStart: Int

    /// The float dtypes `floats(_:)` converts.
    public static let floatDTypes = ["F32", "F16", "BF16"]

    /// Reads (memory-maps) a safetensors file.
    /// - Throws: `NumericsError.io` or `.malformedSafeTensors`.
    public init(contentsOf url: URL) throws {
        path = url.path
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw NumericsError.io(path: url.path, reason: "cannot read: \(error.localizedDescription)")
        }
        guard data.count >= 8 else { throw NumericsError.malformedSafeTensors(file: path, reason: "shorter than 8 bytes") }
        var n: UInt64 = 0
        for i in 0..<8 { n |= UInt64(data[data.startIndex + i]) << (8 * UInt64(i)) }
        guard n <= UInt64(data.count - 8) else {
            throw NumericsError.malformedSafeTensors(file: path, reason: "header length \(n) exceeds file size")
        }
        let headerData = data.subdata(in: (data.startIndex + 8)..<(data.startIndex + 8 + Int(n)))
        guard let json = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any] else {
            throw NumericsError.malformedSafeTensors(file: path, reason: "header is not a JSON object")
        }
        let dataLength = data.count - 8 - Int(n)
        var entries: [String: Entry] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in json {
            if name == "__metadata__" {
                guard let m = value as? [String: Any] else {
                    throw NumericsError.malformedSafeTensors(file: path, reason: "__metadata__ is not an object")
                }
                for (k, v) in m { metadata[k] = (v as? String) ?? "\(v)" }
                continue
            }
            guard let e = value as? [String: Any], let dtype = e["dtype"] as? String,
                  let shape = (e["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  let offsets = (e["data_offsets"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  offsets.count == 2 else {
                throw NumericsError.malformedSafeTensors(file: path, reason: "bad header entry for '\(name)'")
            }
            guard offsets[0] >= 0, offsets[0] <= offsets[1], offsets[1] <= dataLength else {
                throw NumericsError.malformedSafeTensors(file: path, reason: "data_offsets of '\(name)' out of range")
            }
            // Checked arithmetic: a hostile shape must be an error, not an overflow.
            var elements = 1
            for dimension in shape {
                let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
                guard dimension >= 0, !overflow else {
                    throw NumericsError.malformedSafeTensors(file: path, reason: "'\(name)': shape \(shape) is not a valid size")
                }
                elements = product
            }
            if let size = Self.elementSize(dtype), elements.multipliedReportingOverflow(by: size).partialValue != offsets[1] - offsets[0]
                || elements.multipliedReportingOverflow(by: size).overflow {
                throw NumericsError.malformedSafeTensors(file: path, reason: "'\(name)': byte length does not match shape \(shape) and dtype \(dtype)")
            }
            entries[name] = Entry(dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1])
        }
        self.entries = entries
        self.metadata = metadata
        self.bytes = data
        self.dataStart = 8 + Int(n)
    }

    static func elementSize(_ dtype: String) -> Int? {
        switch dtype {
        case "F64", "I64", "U64": return 8
        case "F32", "I32", "U32": return 4
        case "F16", "BF16", "I16", "U16": return 2
        case "I8", "U8", "BOOL": return 1
        default: return nil
        }
    }

    /// Converts tensor `name` to Float32 into `dst` (which must hold `shape.reduce(1, *)` floats).
    /// - Throws: `.missingTensor`, `.unsupportedDType`.
    public func copyFloats(_ name: String, into dst: UnsafeMutablePointer<Float>) throws {
        guard let e = entries[name] else { throw NumericsError.missingTensor(file: path, name: name) }
        let count = e.shape.reduce(1, *)
        try bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let src = raw.baseAddress! + dataStart + e.begin
            switch e.dtype {
            case "F32":
                memcpy(dst, src, count * 4)
            case "F16":
                for i in 0..<count {
                    var h: UInt16 = 0
                    memcpy(&h, src + 2 * i, 2)
                    dst[i] = Self.halfToFloat(UInt16(littleEndian: h))
                }
            case "BF16":
                for i in 0..<count {
                    var h: UInt16 = 0
                    memcpy(&h, src + 2 * i, 2)
                    dst[i] = Float(bitPattern: UInt32(UInt16(littleEndian: h)) << 16)
                }
            default:
                throw NumericsError.unsupportedDType(name: name, dtype: e.dtype, supported: Self.floatDTypes)
            }
        }
    }

    /// Tensor `name` converted to Float32.
    public func floats(_ name: String) throws -> [Float] {
        guard let e = entries[name] else { throw NumericsError.missingTensor(file: path, name: name) }
        var out = [Float](repeating: 0, count: e.shape.reduce(1, *))
        try out.withUnsafeMutableBufferPointer { try copyFloats(name, into: $0.baseAddress!) }
        return out
    }

    /// IEEE 754 binary16 to Float32, subnormals and infinities included.
    public static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h >> 15) << 31
        let exp = UInt32((h >> 10) & 0x1F)
        let mant = UInt32(h & 0x3FF)
        if exp == 0 {
            if mant == 0 { return Float(bitPattern: sign) }
            let v = Float(mant) * (1.0 / 16_777_216.0)  // mant · 2^-24
            return sign == 0 ? v : -v
        }
        if exp == 31 { return Float(bitPattern: sign | 0x7F80_0000 | (mant << 13)) }
        return Float(bitPattern: sign | ((exp + 112) << 23) | (mant << 13))
    }

    /// Writes Float32 tensors (in the given order) and metadata to `url`, atomically.
    ///
    /// - Parameters:
    ///   - tensors: (name, shape, pointer to `shape.reduce(1, *)` floats).
    public static func write(_ tensors: [(String, [Int], UnsafePointer<Float>)], metadata: [String: String] = [:],
                             to url: URL) throws {
        var header: [String: Any] = [:]
        var offset = 0
        for (name, shape, _) in tensors {
            let n = shape.reduce(1, *) * 4
            header[name] = ["dtype": "F32", "shape": shape, "data_offsets": [offset, offset + n]] as [String: Any]
            offset += n
        }
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var headerBytes = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var out = Data(capacity: 8 + headerBytes.count + offset)
        var n = UInt64(headerBytes.count).littleEndian
        withUnsafeBytes(of: &n) { out.append(contentsOf: $0) }
        out.append(headerBytes)
        for (_, shape, p) in tensors {
            out.append(UnsafeBufferPointer(start: p, count: shape.reduce(1, *)))
        }
        try AtomicFile.write(out, to: url)
    }
}
