import Foundation

/// A trained model as its student leaves it: the folder that holds it and what the student says of it.
///
/// The pipeline records it as the `model` stage's value (its folder relative to the stage folder, so that a
/// shared cache read on another machine still finds it) and builds the predictor from it, so no one guesses
/// where in a stage folder the model lies.
public struct ModelArtifact: Sendable, Equatable {
    /// The folder of the model (weights, configurations, tokenizer files), inside the stage folder.
    public var folder: URL
    /// What the student records of the model (its format, layout, steps...), shown in the stage's notes.
    public var info: [String: String]
    /// What the training did.
    public var report: StageReport

    public init(folder: URL, info: [String: String] = [:], report: StageReport) {
        self.folder = folder
        self.info = info
        self.report = report
    }
}

/// A model artifact as the stage cache stores it.
struct ModelRecord: Codable, Sendable {
    /// The model folder relative to the stage folder ("" for the stage folder itself).
    var path: String
    var info: [String: String]

    /// The record of `artifact`, trained in `stage`.
    /// - Throws: `UniNERError` when the student wrote its model outside the stage folder.
    init(_ artifact: ModelArtifact, stage: URL) throws {
        let base = stage.standardizedFileURL.resolvingSymlinksInPath().path
        let folder = artifact.folder.standardizedFileURL.resolvingSymlinksInPath().path
        guard folder == base || folder.hasPrefix(base + "/") else {
            throw UniNERError("the student saved its model in \(artifact.folder.path), outside its stage folder \(stage.path)",
                              help: "a student writes its model inside the folder 'train' is given, which the cache keeps")
        }
        path = String(folder.dropFirst(base.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        info = artifact.info
    }

    /// The artifact this record describes, for the stage folder `stage`.
    func artifact(stage: URL, report: StageReport) -> ModelArtifact {
        ModelArtifact(folder: path.isEmpty ? stage : stage.appendingPathComponent(path), info: info, report: report)
    }
}
