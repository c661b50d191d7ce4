import Foundation
import XCTest
@testable import UniNERNumerics

/// MiniLM's parameter gradients against PyTorch (`scripts/reference/make_minilm_gradient_reference.py`).
final class MiniLMGradientReferenceTests: XCTestCase {
    struct Reference: Decodable {
        struct Gradient: Decodable {
            let name: String, shape: [Int], norm: Double, max_abs: Double, indices: [Int], values: [Double]
        }
        let input_ids: [[Int32]], attention_mask: [[Int32]], token_type_ids: [[Int32]]
        let loss: Double
        let parameters: [Gradient]
    }

    /// Each parameter's gradient norm within 1e-4 of PyTorch's (relative), and its sampled values within
    /// 1e-4 of the parameter's largest PyTorch gradient; the loss within 1e-4 (relative). The key biases'
    /// exact gradient is zero (softmax ignores a shift shared by all keys): on both sides it is rounding noise,
    /// checked to stay below 1e-5.
    func testEncoderGradientsMatchPyTorch() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "minilm_gradient_reference", withExtension: "json",
                                                  subdirectory: "Fixtures"))
        let ref = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        let model = try BertModel.load(folder: try modelFolder())
        let B = ref.input_ids.count, T = ref.input_ids[0].count, C = model.config.hiddenSize
        let mask = ref.attention_mask.flatMap { $0 }
        let r = (0..<(B * T * C)).map { i in Float(sin(0.5 + 0.731 * Double(i))) * Float(mask[i / C]) }
        var rng = RandomGenerator(seed: 0)
        let cache = BertModel.Cache()
        let hidden = try model.forward(inputIds: ref.input_ids.flatMap { $0 }, attentionMask: mask,
                                       tokenTypeIds: ref.token_type_ids.flatMap { $0 }, batch: B, length: T,
                                       rng: &rng, cache: cache)
        XCTAssertEqual(dot(hidden.data, r), ref.loss, accuracy: 1e-4 * abs(ref.loss), "loss")
        model.store.zeroGrad()
        model.backward(dHidden: r, cache: cache)

        XCTAssertEqual(ref.parameters.count, model.store.parameters.count, "every parameter has a reference")
        var worstNorm = 0.0, worstValue = 0.0, worstName = ""
        for g in ref.parameters {
            let p = try XCTUnwrap(model.store.parameter(g.name), g.name)
            XCTAssertEqual(p.shape, g.shape, g.name)
            let grad = UnsafeBufferPointer(start: model.store.grad(p), count: p.count)
            let norm = grad.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            if g.name.hasSuffix("attention.self.key.bias") {
                XCTAssertLessThan(norm, 1e-5, g.name)
                XCTAssertLessThan(g.norm, 1e-5, "\(g.name) (PyTorch)")
                continue
            }
            let normError = abs(norm - g.norm) / max(g.norm, 1e-12)
            let valueError = zip(g.indices, g.values).map { abs(Double(grad[$0]) - $1) }.max() ?? 0
            XCTAssertLessThan(normError, 1e-4, "\(g.name): norm \(norm) vs PyTorch \(g.norm)")
            XCTAssertLessThan(valueError, 1e-4 * g.max_abs, "\(g.name): sampled values")
            if normError > worstNorm { worstNorm = normError; worstName = g.name }
            worstValue = max(worstValue, valueError / max(g.max_abs, 1e-12))
        }
        print("MiniLM gradients vs PyTorch: worst relative norm error \(worstNorm) (\(worstName)), "
              + "worst sampled-value error \(worstValue) of the parameter's largest gradient")
    }
}
