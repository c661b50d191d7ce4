/// The families of plugins a recipe section can name with `kind:`.
public enum PluginFamily: String, CaseIterable, Codable, Sendable {
    case corpus
    case annotator
    case prompt
    case template
    case negatives
    case student
    case predictor
    case format
    case metric
    case datasets

    /// The protocol's name in the paper's words, for listings and error messages.
    public var title: String {
        switch self {
        case .corpus: "corpus source"
        case .annotator: "annotator (teacher)"
        case .prompt: "prompt style"
        case .template: "query template"
        case .negatives: "negative sampler"
        case .student: "student"
        case .predictor: "predictor"
        case .format: "dataset format"
        case .metric: "metric"
        case .datasets: "benchmark dataset provider"
        }
    }
}
