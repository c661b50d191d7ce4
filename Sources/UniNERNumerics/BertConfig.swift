import Foundation

/// A BERT encoder configuration, decoded from a Hugging Face `config.json` (snake_case keys).
public struct BertConfig: Codable, Equatable, Sendable {
    public var vocabSize: Int
    public var hiddenSize: Int
    public var numHiddenLayers: Int
    public var numAttentionHeads: Int
    public var intermediateSize: Int
    public var maxPositionEmbeddings: Int
    public var typeVocabSize: Int
    public var layerNormEps: Float
    public var hiddenDropoutProb: Float
    public var attentionProbsDropoutProb: Float
    /// Only "gelu" (the exact erf form) is supported.
    public var hiddenAct: String
    public var initializerRange: Float

    enum CodingKeys: String, CodingKey {
        case vocabSize = "vocab_size", hiddenSize = "hidden_size", numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads", intermediateSize = "intermediate_size"
        case maxPositionEmbeddings = "max_position_embeddings", typeVocabSize = "type_vocab_size"
        case layerNormEps = "layer_norm_eps", hiddenDropoutProb = "hidden_dropout_prob"
        case attentionProbsDropoutProb = "attention_probs_dropout_prob", hiddenAct = "hidden_act"
        case initializerRange = "initializer_range"
    }

    public init(vocabSize: Int, hiddenSize: Int, numHiddenLayers: Int, numAttentionHeads: Int,
                intermediateSize: Int? = nil, maxPositionEmbeddings: Int = 512, typeVocabSize: Int = 2,
                layerNormEps: Float = 1e-12, hiddenDropoutProb: Float = 0.1, attentionProbsDropoutProb: Float = 0.1,
                hiddenAct: String = "gelu", initializerRange: Float = 0.02) {
        self.vocabSize = vocabSize; self.hiddenSize = hiddenSize; self.numHiddenLayers = numHiddenLayers
        self.numAttentionHeads = numAttentionHeads; self.intermediateSize = intermediateSize ?? 4 * hiddenSize
        self.maxPositionEmbeddings = maxPositionEmbeddings; self.typeVocabSize = typeVocabSize
        self.layerNormEps = layerNormEps; self.hiddenDropoutProb = hiddenDropoutProb
        self.attentionProbsDropoutProb = attentionProbsDropoutProb; self.hiddenAct = hiddenAct
        self.initializerRange = initializerRange
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        vocabSize = try c.decode(Int.self, forKey: .vocabSize)
        hiddenSize = try c.decode(Int.self, forKey: .hiddenSize)
        numHiddenLayers = try c.decode(Int.self, forKey: .numHiddenLayers)
        numAttentionHeads = try c.decode(Int.self, forKey: .numAttentionHeads)
        intermediateSize = try c.decodeIfPresent(Int.self, forKey: .intermediateSize) ?? 4 * hiddenSize
        maxPositionEmbeddings = try c.decodeIfPresent(Int.self, forKey: .maxPositionEmbeddings) ?? 512
        typeVocabSize = try c.decodeIfPresent(Int.self, forKey: .typeVocabSize) ?? 2
        layerNormEps = try c.decodeIfPresent(Float.self, forKey: .layerNormEps) ?? 1e-12
        hiddenDropoutProb = try c.decodeIfPresent(Float.self, forKey: .hiddenDropoutProb) ?? 0.1
        attentionProbsDropoutProb = try c.decodeIfPresent(Float.self, forKey: .attentionProbsDropoutProb) ?? 0.1
        hiddenAct = try c.decodeIfPresent(String.self, forKey: .hiddenAct) ?? "gelu"
        initializerRange = try c.decodeIfPresent(Float.self, forKey: .initializerRange) ?? 0.02
    }

    /// Checks the sizes are positive, within `maxima` and consistent, and the activation supported.
    /// - Parameter file: the file the configuration came from, for messages.
    public func validate(file: String = "config.json") throws {
        try checkMaxima(file: file)
        guard vocabSize > 0, hiddenSize > 0, numHiddenLayers > 0, numAttentionHeads > 0, intermediateSize > 0,
              maxPositionEmbeddings > 0, typeVocabSize > 0 else {
            throw NumericsError.invalidConfig("sizes must be positive")
        }
        guard hiddenSize % numAttentionHeads == 0 else {
            throw NumericsError.invalidConfig("hidden_size \(hiddenSize) is not a multiple of num_attention_heads \(numAttentionHeads)")
        }
        guard hiddenAct == "gelu" else {
            throw NumericsError.invalidConfig("hidden_act '\(hiddenAct)' is not supported (supported: gelu)")
        }
        guard layerNormEps.isFinite, layerNormEps > 0, initializerRange.isFinite, initializerRange >= 0 else {
            throw NumericsError.invalidConfig("\(file): layer_norm_eps must be positive and initializer_range non-negative")
        }
        guard (0..<1).contains(hiddenDropoutProb), (0..<1).contains(attentionProbsDropoutProb) else {
            throw NumericsError.invalidConfig("dropout probabilities must be in [0, 1)")
        }
    }

    /// Reads `config.json` from a Hugging Face model folder.
    public static func load(folder: URL) throws -> BertConfig {
        let url = folder.appendingPathComponent("config.json")
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw NumericsError.io(path: url.path, reason: "cannot read: \(error.localizedDescription)")
        }
        let config: BertConfig
        do { config = try JSONDecoder().decode(BertConfig.self, from: data) } catch {
            throw NumericsError.invalidConfig("\(url.path): \(error)")
        }
        try config.validate(file: url.path)
        return config
    }

    /// Reads `config.json` and checks it against the folder's `model.safetensors` before anything is allocated.
    /// - Returns: the configuration and the (memory-mapped) weights file.
    public static func loadChecked(folder: URL) throws -> (BertConfig, SafeTensors) {
        let config = try load(folder: folder)
        let weights = try SafeTensors(contentsOf: folder.appendingPathComponent("model.safetensors"))
        try config.check(against: weights, configFile: folder.appendingPathComponent("config.json").path)
        return (config, weights)
    }

    /// The from-scratch sizes.
    public enum Size: String, CaseIterable, Sendable {
        /// hidden 128, 2 layers, 2 heads.
        case tiny
        /// hidden 256, 4 layers, 4 heads.
        case small
        /// hidden 768, 12 layers, 12 heads (BERT-base).
        case base
    }

    /// A from-scratch configuration of the given size (intermediate 4 × hidden, 512 positions).
    public static func preset(_ size: Size, vocabSize: Int) -> BertConfig {
        switch size {
        case .tiny: return BertConfig(vocabSize: vocabSize, hiddenSize: 128, numHiddenLayers: 2, numAttentionHeads: 2)
        case .small: return BertConfig(vocabSize: vocabSize, hiddenSize: 256, numHiddenLayers: 4, numAttentionHeads: 4)
        case .base: return BertConfig(vocabSize: vocabSize, hiddenSize: 768, numHiddenLayers: 12, numAttentionHeads: 12)
        }
    }
}
