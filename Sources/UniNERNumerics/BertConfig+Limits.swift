import Foundation

extension BertConfig {
    /// Upper bounds on the sizes a `config.json` may declare: far above every BERT-family model (BERT-large:
    /// hidden 1024, 24 layers; XLM-R: a 250,002-word vocabulary), far below what makes an allocation fail.
    public static let maxima: [String: Int] = [
        "vocab_size": 1_000_000, "hidden_size": 8_192, "num_hidden_layers": 128, "num_attention_heads": 256,
        "intermediate_size": 65_536, "max_position_embeddings": 65_536, "type_vocab_size": 1_024,
    ]

    /// The sizes under their `config.json` keys.
    var sizes: [(key: String, value: Int)] {
        [("vocab_size", vocabSize), ("hidden_size", hiddenSize), ("num_hidden_layers", numHiddenLayers),
         ("num_attention_heads", numAttentionHeads), ("intermediate_size", intermediateSize),
         ("max_position_embeddings", maxPositionEmbeddings), ("type_vocab_size", typeVocabSize)]
    }

    /// Checks every size against `maxima`, naming the file and key.
    /// - Throws: `NumericsError.invalidConfig`.
    func checkMaxima(file: String) throws {
        for (key, value) in sizes {
            guard let limit = Self.maxima[key], value > limit else { continue }
            throw NumericsError.invalidConfig("\(file): '\(key)' is \(value), more than \(limit), the most this "
                                              + "toolkit loads (a BERT-family encoder has far less); check the file")
        }
    }

    /// Checks that the sizes agree with the tensors a weights file holds, before any parameter is allocated, so a
    /// config that declares more than the file holds fails with the key at fault instead of allocating it.
    /// Encoder tensors are found under `prefix` (e.g. `bert.`) or without one.
    /// - Throws: `NumericsError.invalidConfig` naming the config file, the key and the tensor.
    public func check(against weights: SafeTensors, configFile: String) throws {
        let prefix = ["", "bert."].first { weights.entries[$0 + "embeddings.word_embeddings.weight"] != nil }
        guard let prefix else {
            throw NumericsError.missingTensor(file: weights.path, name: "embeddings.word_embeddings.weight")
        }
        let expected: [(tensor: String, shape: [Int], keys: String)] = [
            ("embeddings.word_embeddings.weight", [vocabSize, hiddenSize], "vocab_size, hidden_size"),
            ("embeddings.position_embeddings.weight", [maxPositionEmbeddings, hiddenSize], "max_position_embeddings, hidden_size"),
            ("embeddings.token_type_embeddings.weight", [typeVocabSize, hiddenSize], "type_vocab_size, hidden_size"),
            ("encoder.layer.0.intermediate.dense.weight", [intermediateSize, hiddenSize], "intermediate_size, hidden_size"),
            ("encoder.layer.\(numHiddenLayers - 1).output.dense.weight", [hiddenSize, intermediateSize], "num_hidden_layers"),
        ]
        for (tensor, shape, keys) in expected {
            let found = weights.entries[prefix + tensor]?.shape
            guard found == shape else {
                let holds = found.map { "holds '\(prefix + tensor)' of shape \($0)" } ?? "has no tensor '\(prefix + tensor)'"
                throw NumericsError.invalidConfig("\(configFile): \(keys) say '\(prefix + tensor)' has shape \(shape), "
                                                  + "but \(weights.path) \(holds); the config does not describe these weights")
            }
        }
    }
}
