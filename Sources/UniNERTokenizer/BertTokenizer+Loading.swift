import Foundation

extension BertTokenizer {
    /// Loads the tokenizer of a Hugging Face model folder: `tokenizer.json` when present, else `vocab.txt`
    /// with the flags of `tokenizer_config.json` (BERT defaults when that file is absent too).
    ///
    /// - Parameter folder: the model folder.
    /// - Throws: `BertTokenizerError` naming the file and key that is missing, malformed or unsupported.
    public init(folder: URL) throws(BertTokenizerError) {
        let tokenizerJSON = folder.appendingPathComponent("tokenizer.json")
        let vocabTXT = folder.appendingPathComponent("vocab.txt")
        let configJSON = folder.appendingPathComponent("tokenizer_config.json")
        let config = FileManager.default.fileExists(atPath: configJSON.path)
            ? try Self.readJSONObject(configJSON) : nil
        if FileManager.default.fileExists(atPath: tokenizerJSON.path) {
            try self.init(tokenizerJSON: tokenizerJSON, config: config)
        } else if FileManager.default.fileExists(atPath: vocabTXT.path) {
            try self.init(vocabTXT: vocabTXT, config: config, configPath: configJSON.path)
        } else {
            throw .missingTokenizerFiles(folder: folder.path)
        }
    }

    /// Reads `tokenizer.json` (a `WordPiece` model with a `BertNormalizer`).
    private init(tokenizerJSON url: URL, config: [String: Any]?) throws(BertTokenizerError) {
        let path = url.path
        let root = try Self.readJSONObject(url)
        guard let model = root["model"] as? [String: Any] else {
            throw .invalidFile(path: path, keyPath: "model", reason: "missing or not an object")
        }
        let modelType = model["type"] as? String ?? "WordPiece"
        guard modelType == "WordPiece" else {
            throw .unsupportedComponent(path: path, keyPath: "model.type", found: modelType, supported: ["WordPiece"])
        }
        guard let rawVocab = model["vocab"] as? [String: Any] else {
            throw .invalidFile(path: path, keyPath: "model.vocab", reason: "missing or not an object")
        }
        var vocabulary: [String: Int] = [:]
        vocabulary.reserveCapacity(rawVocab.count)
        for (token, value) in rawVocab {
            guard let id = value as? Int else {
                throw .invalidFile(path: path, keyPath: "model.vocab.\(token)", reason: "id is not an integer")
            }
            vocabulary[token] = id
        }

        var options = BasicTokenizer.Options()
        switch root["normalizer"] {
        case let normalizer as [String: Any]:
            let type = normalizer["type"] as? String ?? ""
            guard type == "BertNormalizer" else {
                throw .unsupportedComponent(path: path, keyPath: "normalizer.type", found: type,
                                            supported: ["BertNormalizer"])
            }
            options.cleanText = normalizer["clean_text"] as? Bool ?? true
            options.handleChineseChars = normalizer["handle_chinese_chars"] as? Bool ?? true
            options.lowercase = normalizer["lowercase"] as? Bool ?? true
            options.stripAccents = normalizer["strip_accents"] as? Bool
        case nil, is NSNull:
            options = BasicTokenizer.Options(cleanText: false, handleChineseChars: false, lowercase: false,
                                             stripAccents: false)
        default:
            throw .invalidFile(path: path, keyPath: "normalizer", reason: "not an object")
        }
        if let preTokenizer = root["pre_tokenizer"] as? [String: Any] {
            let type = preTokenizer["type"] as? String ?? ""
            guard type == "BertPreTokenizer" else {
                throw .unsupportedComponent(path: path, keyPath: "pre_tokenizer.type", found: type,
                                            supported: ["BertPreTokenizer"])
            }
        }

        var special = SpecialTokens()
        special.unk = model["unk_token"] as? String ?? special.unk
        if let processor = root["post_processor"] as? [String: Any] {
            // BertProcessing: "cls": ["[CLS]", 101]; TemplateProcessing: the single template's ends.
            if let cls = processor["cls"] as? [Any], let token = cls.first as? String { special.cls = token }
            if let sep = processor["sep"] as? [Any], let token = sep.first as? String { special.sep = token }
            if let single = processor["single"] as? [[String: Any]] {
                let specials = single.compactMap { ($0["SpecialToken"] as? [String: Any])?["id"] as? String }
                if specials.count == 2 {
                    special.cls = specials[0]
                    special.sep = specials[1]
                }
            }
        }
        if let padding = root["padding"] as? [String: Any], let pad = padding["pad_token"] as? String {
            special.pad = pad
        }
        if let config {
            Self.applySpecialTokens(from: config, to: &special)
        }

        var added: [AddedToken] = []
        if let rawAdded = root["added_tokens"] as? [[String: Any]] {
            for (index, entry) in rawAdded.enumerated() {
                guard let content = entry["content"] as? String, let id = entry["id"] as? Int else {
                    throw .invalidFile(path: path, keyPath: "added_tokens[\(index)]", reason: "needs content and id")
                }
                added.append(AddedToken(content: content, id: id, special: entry["special"] as? Bool ?? false))
            }
        }
        try self.init(vocabulary: vocabulary, options: options, specialTokens: special,
                      addedTokens: added.isEmpty ? nil : added,
                      continuingSubwordPrefix: model["continuing_subword_prefix"] as? String ?? "##",
                      maxInputCharsPerWord: model["max_input_chars_per_word"] as? Int ?? 100,
                      modelMaxLength: config?["model_max_length"] as? Int)
    }

    /// Reads `vocab.txt` (one token a line, id = line number) with the flags of `tokenizer_config.json`.
    private init(vocabTXT url: URL, config: [String: Any]?, configPath: String) throws(BertTokenizerError) {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        var vocabulary: [String: Int] = [:]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for (id, line) in lines.enumerated() {
            let token = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            if vocabulary[token] == nil { vocabulary[token] = id }
        }
        var options = BasicTokenizer.Options()
        var special = SpecialTokens()
        if let config {
            options.lowercase = config["do_lower_case"] as? Bool ?? true
            options.handleChineseChars = config["tokenize_chinese_chars"] as? Bool ?? true
            options.stripAccents = config["strip_accents"] as? Bool
            Self.applySpecialTokens(from: config, to: &special)
        }
        try self.init(vocabulary: vocabulary, options: options, specialTokens: special,
                      modelMaxLength: config?["model_max_length"] as? Int)
    }

    /// Takes `cls_token`, `sep_token`, ... from a tokenizer config (a string, or an object with `content`).
    private static func applySpecialTokens(from config: [String: Any], to special: inout SpecialTokens) {
        func value(_ key: String) -> String? {
            if let string = config[key] as? String { return string }
            return (config[key] as? [String: Any])?["content"] as? String
        }
        special.cls = value("cls_token") ?? special.cls
        special.sep = value("sep_token") ?? special.sep
        special.pad = value("pad_token") ?? special.pad
        special.unk = value("unk_token") ?? special.unk
        special.mask = value("mask_token") ?? special.mask
    }

    private static func readJSONObject(_ url: URL) throws(BertTokenizerError) -> [String: Any] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .invalidFile(path: url.path, keyPath: "", reason: "not valid JSON (\(error.localizedDescription))")
        }
        guard let dictionary = object as? [String: Any] else {
            throw .invalidFile(path: url.path, keyPath: "", reason: "not a JSON object")
        }
        return dictionary
    }
}
