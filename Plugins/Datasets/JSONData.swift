import Foundation
import UniNERCore

/// Reading JSON data files with errors that name the file (and the item, since JSON has no stable lines here).
enum JSONData {
    /// The top-level JSON value of a file.
    /// - Throws: `DataError` naming the file for malformed JSON.
    static func object(in file: DataFile) throws -> Any {
        do {
            return try JSONSerialization.jsonObject(with: Data(file.bytes), options: [.fragmentsAllowed])
        } catch {
            throw file.error(line: nil, "malformed JSON: \((error as NSError).userInfo["NSDebugDescription"] ?? error.localizedDescription)")
        }
    }

    /// A file whose top level is a list of objects.
    static func list(in file: DataFile) throws -> [[String: Any]] {
        guard let list = try object(in: file) as? [Any] else {
            throw file.error(line: nil, "expected a JSON list at the top level")
        }
        return try list.enumerated().map { index, item in
            guard let object = item as? [String: Any] else {
                throw file.error(line: nil, "item \(index) is not a JSON object")
            }
            return object
        }
    }

    /// An integer from a JSON number.
    static func int(_ value: Any?) -> Int? {
        if let int = value as? Int { return int }
        if let double = value as? Double, double.rounded() == double, abs(double) < 1e15 { return Int(double) }
        return nil
    }
}
