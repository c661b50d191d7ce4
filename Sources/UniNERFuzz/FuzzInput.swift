import Foundation

/// How one fuzz input becomes what a reader opens: a single file, or a folder written from a bundle.
///
/// A bundle is one text with a section per file, each introduced by a line `=== relative/path`; mutations of the
/// bundle thus also mutate the folder's layout. Section paths that could leave the work folder (absolute,
/// `..`, odd characters, too deep) are skipped.
enum FuzzInput {
    case file(name: String)
    case folder

    /// The bundle's section marker.
    static let marker = Array("=== ".utf8)

    /// Writes `bytes` under `work` (emptied first for a folder) and returns the URL to read.
    func materialize(_ bytes: [UInt8], in work: URL) throws -> URL {
        switch self {
        case .file(let name):
            let url = work.appendingPathComponent(name)
            try RawFile.write(bytes, to: url.path)
            return url
        case .folder:
            let root = work.appendingPathComponent("folder")
            try? FileManager.default.removeItem(at: root)
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            for (path, contents) in Self.sections(of: bytes) {
                let url = root.appendingPathComponent(path)
                try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? RawFile.write(contents, to: url.path)
            }
            return root
        }
    }

    /// The (path, contents) sections of a bundle, with unsafe paths left out.
    static func sections(of bytes: [UInt8]) -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        var path: String?
        var contents: [UInt8] = []
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if line.starts(with: marker) {
                if let path { result.append((path, contents)) }
                path = safePath(String(decoding: line.dropFirst(marker.count), as: UTF8.self))
                contents = []
            } else if path != nil {
                contents += line
                contents.append(0x0A)
            }
        }
        if let path { result.append((path, contents)) }
        return result
    }

    static func safePath(_ path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, path.utf8.count <= 120, parts.count <= 4 else { return nil }
        for part in parts {
            guard !part.isEmpty, part != ".", part != "..",
                  part.utf8.allSatisfy({ $0 < 0x80 && ($0 == 0x2E || $0 == 0x2D || $0 == 0x5F || isalnum(Int32($0)) != 0) })
            else { return nil }
        }
        return path
    }
}
