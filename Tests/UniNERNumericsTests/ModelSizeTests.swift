import Foundation
import XCTest
@testable import UniNERNumerics

/// Sizes read from a model folder are checked against sane limits and against the weights file before anything
/// is allocated: a hostile `config.json` or `span_config.json` is an error naming the file and key, never an
/// allocation failure.
final class ModelSizeTests: XCTestCase {
    /// A saved tiny span model whose `config.json` and `span_config.json` the test then edits.
    private func savedModel() throws -> URL {
        let folder = try temporaryFolder(self).appendingPathComponent("model")
        try SpanModel(config: Synthetic.config(), seed: 1).save(folder: folder)
        return folder
    }

    private func edit(_ url: URL, _ change: (inout [String: Any]) -> Void) throws {
        var json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        change(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: url)
    }

    private func message(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            XCTFail("expected an error")
            return ""
        } catch {
            return (error as? LocalizedError)?.errorDescription ?? "\(error)"
        }
    }

    func testAbsurdSizesInConfigJSONAreRefusedByKeyBeforeAllocating() throws {
        let folder = try savedModel()
        for (key, value) in [("hidden_size", 1_200_000_000), ("vocab_size", 2_000_000_000), ("num_hidden_layers", 1_000_000),
                             ("intermediate_size", 1 << 40), ("max_position_embeddings", 1 << 30)] {
            let config = folder.appendingPathComponent("config.json")
            let original = try Data(contentsOf: config)
            try edit(config) { $0[key] = value }
            let text = message { try BertModel.load(folder: folder) }
            XCTAssertTrue(text.contains(config.path) && text.contains("'\(key)' is \(value)"), text)
            try original.write(to: config)
        }
    }

    func testSizesWithinLimitsThatDisagreeWithTheWeightsAreRefused() throws {
        let folder = try savedModel()
        let config = folder.appendingPathComponent("config.json")
        try edit(config) { $0["vocab_size"] = 500_000 }
        var text = message { try BertModel.load(folder: folder) }
        XCTAssertTrue(text.contains("vocab_size, hidden_size") && text.contains("[40, 32]"), text)
        try edit(config) { $0["vocab_size"] = Synthetic.vocab; $0["num_hidden_layers"] = 100 }
        text = message { try BertModel.load(folder: folder) }
        XCTAssertTrue(text.contains("num_hidden_layers") && text.contains("has no tensor 'encoder.layer.99.output.dense.weight'"), text)
    }

    func testASpanConfigIsCheckedTheSameWay() throws {
        let folder = try savedModel()
        let spanConfig = folder.appendingPathComponent("span_config.json")
        try edit(spanConfig) { json in
            var encoder = json["encoder"] as? [String: Any] ?? [:]
            encoder["hidden_size"] = 1_200_000_000
            json["encoder"] = encoder
        }
        var text = message { try SpanModel.load(folder: folder) }
        XCTAssertTrue(text.contains(spanConfig.path) && text.contains("'hidden_size' is 1200000000"), text)
        try SpanModel(config: Synthetic.config(), seed: 1).save(folder: folder)
        try edit(spanConfig) { $0["maxSpanWidth"] = 1_000_000_000 }
        text = message { try SpanModel.load(folder: folder) }
        XCTAssertTrue(text.contains("'maxSpanWidth' is 1000000000"), text)
        try SpanModel(config: Synthetic.config(), seed: 1).save(folder: folder)
        XCTAssertNoThrow(try SpanModel.load(folder: folder), "an untouched model loads")
    }

    func testASafetensorsShapeThatOverflowsIsMalformedNotACrash() throws {
        let url = try temporaryFolder(self).appendingPathComponent("x.safetensors")
        let header = #"{"t": {"dtype": "F32", "shape": [4611686018427387904, 4], "data_offsets": [0, 0]}}"#
        var data = Data()
        var length = UInt64(header.utf8.count).littleEndian
        withUnsafeBytes(of: &length) { data.append(contentsOf: $0) }
        data.append(contentsOf: Array(header.utf8))
        try data.write(to: url)
        let text = message { try SafeTensors(contentsOf: url) }
        XCTAssertTrue(text.contains("is not a valid size"), text)
    }
}
