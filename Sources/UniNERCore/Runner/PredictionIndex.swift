/// Predictions by query id. A file that answers one id twice is an error, not first- or last-wins: which answer
/// should count is a guess, and a silent choice changes the score.
public enum PredictionIndex {
    /// - Parameter source: the file (or stage) the predictions came from, for the error.
    /// - Throws: `DataError` naming the duplicate id and the two records (counted from 1).
    public static func byID(_ predictions: [Prediction], source: String) throws -> [String: Prediction] {
        var index: [String: Prediction] = [:]
        var record: [String: Int] = [:]
        for (position, prediction) in predictions.enumerated() {
            if let first = record[prediction.id] {
                throw DataError(file: source, "duplicate id '\(TerminalText.escaped(prediction.id.prefix(200)))': records \(first + 1) and \(position + 1) both answer it",
                                help: "write one prediction per query id (remove or merge the repeated records)")
            }
            record[prediction.id] = position
            index[prediction.id] = prediction
        }
        return index
    }
}
