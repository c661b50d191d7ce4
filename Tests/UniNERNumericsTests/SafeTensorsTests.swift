import XCTest
@testable import UniNERNumerics

final class SafeTensorsTests: XCTestCase {
    func testRoundTripKeepsNamesShapesValuesAndMetadata() throws {
        let dir = try temporaryFolder(self)
        let url = dir.appendingPathComponent("t.safetensors")
        let a: [Float] = [1, -2.5, 3e-8, .greatestFiniteMagnitude, 0, 7], b: [Float] = [42]
        try a.withUnsafeBufferPointer { pa in
            try b.withUnsafeBufferPointer { pb in
                try SafeTensors.write([("layer.a", [2, 3], pa.baseAddress!), ("b", [1], pb.baseAddress!)],
                                      metadata: ["format": "pt", "step": "3"], to: url)
            }
        }
        let f = try SafeTensors(contentsOf: url)
        XCTAssertEqual(f.entries["layer.a"]?.shape, [2, 3])
        XCTAssertEqual(f.entries["layer.a"]?.dtype, "F32")
        XCTAssertEqual(try f.floats("layer.a"), a)
        XCTAssertEqual(try f.floats("b"), b)
        XCTAssertEqual(f.metadata, ["format": "pt", "step": "3"])
        // Header length is 8-byte aligned and the file holds nothing but header and data.
        let raw = try Data(contentsOf: url)
        let n = raw.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        XCTAssertEqual(n % 8, 0)
        XCTAssertEqual(raw.count, 8 + n + 4 * (a.count + b.count))
        // No temporary file is left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["t.safetensors"])
        XCTAssertThrowsError(try f.floats("missing")) { XCTAssertEqual($0 as? NumericsError, .missingTensor(file: url.path, name: "missing")) }
    }

    func testReadsF16AndBF16AsFloat32() throws {
        // Hand-made file: F16 [1.0, -2.0, 65504, 2^-24 subnormal], BF16 [1.0, -0.15625].
        let header = #"{"h":{"dtype":"F16","shape":[4],"data_offsets":[0,8]},"b":{"dtype":"BF16","shape":[2],"data_offsets":[8,12]}}"#
        var data = Data()
        var n = UInt64(header.utf8.count).littleEndian
        withUnsafeBytes(of: &n) { data.append(contentsOf: $0) }
        data.append(Data(header.utf8))
        for h: UInt16 in [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x3F80, 0xBE20] { data.append(UInt8(h & 0xFF)); data.append(UInt8(h >> 8)) }
        let url = try temporaryFolder(self).appendingPathComponent("h.safetensors")
        try data.write(to: url)
        let f = try SafeTensors(contentsOf: url)
        XCTAssertEqual(try f.floats("h"), [1, -2, 65504, Float(1) / 16_777_216])
        XCTAssertEqual(try f.floats("b"), [1, -0.15625])
    }

    func testRejectsATruncatedFile() throws {
        let url = try temporaryFolder(self).appendingPathComponent("bad.safetensors")
        try Data([200, 0, 0, 0, 0, 0, 0, 0, 123]).write(to: url)
        XCTAssertThrowsError(try SafeTensors(contentsOf: url))
    }

    func testLoadsMiniLM() throws {
        let folder = try modelFolder()
        let f = try SafeTensors(contentsOf: folder.appendingPathComponent("model.safetensors"))
        XCTAssertEqual(f.entries["embeddings.word_embeddings.weight"]?.shape, [30522, 384])
        XCTAssertEqual(f.entries["encoder.layer.5.intermediate.dense.weight"]?.shape, [1536, 384])
        XCTAssertEqual(f.entries["embeddings.position_ids"]?.dtype, "I64")
        let model = try BertModel.load(folder: folder)
        XCTAssertEqual(model.config.hiddenSize, 384)
        XCTAssertEqual(model.config.numHiddenLayers, 6)
        XCTAssertEqual(model.store.array("encoder.layer.0.attention.self.key.bias"),
                       try f.floats("encoder.layer.0.attention.self.key.bias"))
        // 22.7M parameters (the pooler is not loaded).
        XCTAssertEqual(model.store.totalCount, 22_565_376)
    }
}
