import Foundation
import Yams

/// Keeps credentials out of what is printed or saved: the user:password part of a URL, secret-looking query
/// parameters (`api_key=`, `token=`, ...), and the value of an API key wherever a server echoes it.
public enum Redaction {
    public static let mask = "***"

    private static let userInfo = try! NSRegularExpression(pattern: "([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s?#]*@")
    private static let secretQuery = try! NSRegularExpression(
        pattern: "([?&;](?:api[_-]?key|key|token|access[_-]?token|auth|secret|password|passwd|pwd|sig|signature|client[_-]?secret)=)[^&#\\s'\"]*",
        options: [.caseInsensitive])

    /// `text` with every URL's user information and secret query values replaced by `***`.
    public static func urls(in text: String) -> String {
        guard text.contains("://") || text.contains("=") else { return text }
        let range = NSRange(text.startIndex..., in: text)
        var result = userInfo.stringByReplacingMatches(in: text, range: range, withTemplate: "$1\(mask)@")
        let queryRange = NSRange(result.startIndex..., in: result)
        result = secretQuery.stringByReplacingMatches(in: result, range: queryRange, withTemplate: "$1\(mask)")
        return result
    }

    /// `text` with each occurrence of the given secrets (an API key's value, a URL's password) replaced by `***`,
    /// and its URLs redacted.
    public static func secrets(_ secrets: [String?], in text: String) -> String {
        var result = text
        for case let secret? in secrets where secret.count >= 4 {
            result = result.replacingOccurrences(of: secret, with: mask)
        }
        return urls(in: result)
    }

    /// A recipe tree with every scalar's URLs redacted, for the resolved recipe that is printed and saved.
    public static func tree(_ node: Node) -> Node {
        switch node {
        case .scalar(var scalar):
            let redacted = urls(in: scalar.string)
            guard redacted != scalar.string else { return node }
            scalar.string = redacted
            return .scalar(scalar)
        case .mapping(var mapping):
            for index in mapping.indices {
                let (key, value) = mapping[index]
                mapping[key] = tree(value)
            }
            return .mapping(mapping)
        case .sequence(var sequence):
            for index in sequence.indices { sequence[index] = tree(sequence[index]) }
            return .sequence(sequence)
        case .alias:
            return node
        }
    }
}
