import Foundation
import UniNERCore
import UniNERTestSupport

/// Shared helpers of the teacher-side tests: fixture files, a scratch run context, benchmark files.
enum ReplayFixtures {
    /// A file or folder under `Tests/UniNERTeacherTests/Fixtures` (copied into the test bundle).
    static func url(_ name: String) -> URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name)
    }

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: url(name))
    }

    /// A run context writing into a fresh temporary folder.
    static func context(seed: UInt64 = 13, datasets: (any DatasetProvider)? = nil) -> RunContext {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-teacher-\(UUID().uuidString)")
        return RunContext(seed: seed, workDirectory: folder, datasets: datasets)
    }

    /// The benchmark folder (`UNINER_DATA`, else `../shared/benchmark` or `/work/shared/benchmark`), if present.
    static var benchmark: URL? {
        if let root = RunContext.defaultDataRoot() { return root }
        let fallback = URL(fileURLWithPath: "/work/shared/benchmark")
        return FileManager.default.fileExists(atPath: fallback.path) ? fallback : nil
    }

    /// A toy labelled dataset: two sentences of `toy/train` with person/location/organization labels.
    static var toyProvider: InMemoryDatasetProvider {
        let first = Sentence(id: "s0", words: ["Barack", "Obama", "visited", "Paris", "and", "Paris", "again", "."])
        let second = Sentence(id: "s1", words: ["Nothing", "to", "see", "here", "."])
        let third = Sentence(id: "s2", words: ["Google", "hired", "Ada", "Lovelace", "in", "London", "."])
        var s0 = first, s2 = third
        s0.entities = [first.entity(tokens: 5..<6, type: "location"), first.entity(tokens: 0..<2, type: "person"),
                       first.entity(tokens: 3..<4, type: "location")]
        s2.entities = [third.entity(tokens: 0..<1, type: "organization"), third.entity(tokens: 2..<4, type: "person"),
                       third.entity(tokens: 5..<6, type: "location")]
        let train = LabeledSplit(dataset: "toy", split: "train", labels: ["person", "location", "organization"],
                                 sentences: [s0, second, s2])
        let other = LabeledSplit(dataset: "bio", split: "train", labels: ["disease"], sentences: [
            { var s = Sentence(id: "b0", words: ["Patients", "with", "asthma", "."])
              s.entities = [s.entity(tokens: 2..<3, type: "disease")]; return s }(),
        ])
        return InMemoryDatasetProvider([train, other])
    }
}
