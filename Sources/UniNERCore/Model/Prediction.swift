/// A model's answer to one query: the raw output text (the official answer string) and, when the model
/// knows them, the mentions with offsets and scores.
public struct Prediction: Codable, Sendable, Hashable {
    public var id: String
    public var prediction: String
    public var mentions: [PredictedMention]?

    public init(id: String, prediction: String, mentions: [PredictedMention]? = nil) {
        self.id = id
        self.prediction = prediction
        self.mentions = mentions
    }
}

/// A predicted mention with Unicode-scalar offsets into the query text and the model's probability.
public struct PredictedMention: Codable, Sendable, Hashable {
    public var text: String
    public var start: Int
    public var end: Int
    public var score: Double?

    public init(text: String, start: Int, end: Int, score: Double? = nil) {
        self.text = text
        self.start = start
        self.end = end
        self.score = score
    }
}
