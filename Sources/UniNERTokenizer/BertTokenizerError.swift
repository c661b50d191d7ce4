import Foundation

/// Errors raised while loading a BERT tokenizer or encoding with it.
public enum BertTokenizerError: Error, Equatable, Sendable {
    /// Neither `tokenizer.json` nor `vocab.txt` exists in the model folder.
    case missingTokenizerFiles(folder: String)
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A file is not valid JSON, or a key has the wrong type; `keyPath` names the key (`model.vocab`).
    case invalidFile(path: String, keyPath: String, reason: String)
    /// A pipeline component (normalizer, pre-tokenizer, model) of a kind this tokenizer does not implement.
    case unsupportedComponent(path: String, keyPath: String, found: String, supported: [String])
    /// A special token (`[CLS]`, `[SEP]`, `[PAD]`, `[UNK]`) is absent from the vocabulary.
    case missingSpecialToken(role: String, token: String)
    /// Two vocabulary entries share an id, or an id is negative.
    case invalidVocabulary(reason: String)
    /// The requested maximum length cannot hold even the special tokens.
    case maxLengthTooSmall(maxLength: Int, specialTokens: Int)
}

extension BertTokenizerError: LocalizedError {
    public var errorDescription: String? {
        switch self {
        case .missingTokenizerFiles(let folder):
            return "No tokenizer.json or vocab.txt in \(folder); run scripts/setup.sh to fetch the model folder."
        case .unreadableFile(let path, let reason):
            return "Cannot read \(path): \(reason)"
        case .invalidFile(let path, let keyPath, let reason):
            return "\(path): \(keyPath.isEmpty ? "" : "\(keyPath): ")\(reason)"
        case .unsupportedComponent(let path, let keyPath, let found, let supported):
            return "\(path): \(keyPath) is \"\(found)\"; supported: \(supported.joined(separator: ", "))"
        case .missingSpecialToken(let role, let token):
            return "The vocabulary has no \(role) token \"\(token)\""
        case .invalidVocabulary(let reason):
            return "Invalid vocabulary: \(reason)"
        case .maxLengthTooSmall(let maxLength, let specialTokens):
            return "maxLength \(maxLength) cannot hold the \(specialTokens) special tokens"
        }
    }
}
