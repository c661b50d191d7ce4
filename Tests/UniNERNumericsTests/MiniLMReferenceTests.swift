import Foundation
import XCTest
import UniNERNumerics
import UniNERTokenizer

/// all-MiniLM-L6-v2 end to end: our tokenizer and encoder against `tokenizers` + PyTorch
/// (`scripts/reference/make_minilm_reference.py`).
final class MiniLMReferenceTests: XCTestCase {
    /// Largest |ours − PyTorch| over every hidden value of the tokens of `rows`.
    private func maxError(_ hidden: [Float], rows: Range<Int>, row offset: Int, hiddenSize: Int,
                          _ reference: [[Float]]) -> Float {
        var worst: Float = 0
        for (position, row) in rows.enumerated() {
            for j in 0..<hiddenSize {
                worst = max(worst, abs(hidden[(offset + row) * hiddenSize + j] - reference[position][j]))
            }
        }
        return worst
    }

    /// Block masks and position ids against PyTorch given the same 4-D mask (`make_minilm_block_mask_reference.py`):
    /// the shared-pass per-type layout, two sequences of different lengths in one padded batch.
    func testBlockMaskAndPositionIdsMatchPyTorchWithin1e4() throws {
        struct Fixture: Decodable {
            let batch: Int, length: Int
            let input_ids: [Int32], blocks: [Int32], position_ids: [Int32], token_type_ids: [Int32]
            let last_hidden_state: [Float]
        }
        let url = try XCTUnwrap(Bundle.module.url(forResource: "minilm_block_mask_reference", withExtension: "json",
                                                  subdirectory: "Fixtures"))
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let model = try BertModel.load(folder: try modelFolder())
        let hidden = try model.hiddenStates(inputIds: fixture.input_ids, attentionMask: fixture.blocks,
                                            tokenTypeIds: fixture.token_type_ids, positionIds: fixture.position_ids,
                                            batch: fixture.batch, length: fixture.length)
        let C = model.config.hiddenSize
        var worst: Float = 0
        for n in 0..<(fixture.batch * fixture.length) where fixture.blocks[n] != 0 {
            for j in 0..<C { worst = max(worst, abs(hidden[n * C + j] - fixture.last_hidden_state[n * C + j])) }
        }
        print("MiniLM with block masks and position ids: max |Swift − PyTorch| = \(worst)")
        XCTAssertLessThanOrEqual(worst, 1e-4, "largest absolute difference from PyTorch with a block mask")
    }

    func testLastHiddenStatesMatchPyTorchWithin1e4() throws {
        let folder = try modelFolder()
        let tokenizer = try BertTokenizer(folder: folder)
        let model = try BertModel.load(folder: folder)
        let hiddenSize = model.config.hiddenSize
        let sentences = try MiniLMPyTorchReference.load().sentences
        XCTAssertEqual(sentences.count, 5)

        var worst: Float = 0
        var encodings: [Encoding] = []
        for sentence in sentences {
            let encoding = try tokenizer.encode(XCTUnwrap(sentence.text))
            XCTAssertEqual(encoding.ids, sentence.ids)
            let reference = try XCTUnwrap(sentence.last_hidden_state)
            XCTAssertEqual(reference.count, encoding.count)
            XCTAssertEqual(sentence.hidden_size, hiddenSize)
            let hidden = try model.hiddenStates(inputIds: encoding.ids.map(Int32.init),
                                                attentionMask: encoding.attentionMask.map(Int32.init),
                                                tokenTypeIds: encoding.typeIDs.map(Int32.init),
                                                batch: 1, length: encoding.count)
            worst = max(worst, maxError(hidden, rows: 0..<encoding.count, row: 0, hiddenSize: hiddenSize, reference))
            encodings.append(encoding)
        }
        print("MiniLM last hidden states, one sentence a pass: max |Swift − PyTorch| = \(worst)")
        XCTAssertLessThanOrEqual(worst, 1e-4, "largest absolute difference from PyTorch")

        // The same five as one right-padded batch: padding must not move the real tokens' states.
        let batch = tokenizer.padBatch(encodings)
        let length = batch[0].count
        let hidden = try model.hiddenStates(inputIds: batch.flatMap(\.ids).map(Int32.init),
                                            attentionMask: batch.flatMap(\.attentionMask).map(Int32.init),
                                            tokenTypeIds: batch.flatMap(\.typeIDs).map(Int32.init),
                                            batch: batch.count, length: length)
        var batchWorst: Float = 0
        for (index, sentence) in sentences.enumerated() {
            batchWorst = max(batchWorst, maxError(hidden, rows: 0..<encodings[index].count, row: index * length,
                                                  hiddenSize: hiddenSize, try XCTUnwrap(sentence.last_hidden_state)))
        }
        print("MiniLM last hidden states, padded batch of 5: max |Swift − PyTorch| = \(batchWorst)")
        XCTAssertLessThanOrEqual(batchWorst, 1e-4, "largest absolute difference from PyTorch in a padded batch")
    }
}
