import Foundation
import UniNERCore

/// One record of an annotation tool's file (Prodigy, Label Studio): a text, character spans with the tool's
/// label names, the passage it was exported from, and whether a person reviewed it.
public struct CharacterSpanRecord: Sendable, Hashable {
    /// A labelled character span; offsets are Unicode scalars, end exclusive.
    public struct Span: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var label: String

        public init(start: Int, end: Int, label: String) {
            self.start = start
            self.end = end
            self.label = label
        }
    }

    /// What the reviewer did with the record.
    public enum Review: String, Sendable, Hashable {
        /// Accepted (Prodigy `"answer": "accept"`, a Label Studio annotation): the spans are the corrections.
        case accepted
        /// Rejected (Prodigy `"answer": "reject"`): the text is not to be used.
        case rejected
        /// Passed over by the reviewer (Prodigy `"answer": "ignore"`): neither a correction nor labelled data.
        case ignored
        /// Not reviewed (no answer, a Label Studio task without annotation).
        case unreviewed
    }

    public var text: String
    public var spans: [Span]
    /// The passage id from the record's meta, when it was exported by `uniner annotate --export`.
    public var passageID: String?
    public var review: Review
    /// Where the record is, for errors: `line 4` (JSON lines) or `task 3` (a JSON list, from 0).
    public var place: String
    public var line: Int?

    public init(text: String, spans: [Span], passageID: String? = nil, review: Review = .unreviewed,
                place: String = "", line: Int? = nil) {
        self.text = text
        self.spans = spans
        self.passageID = passageID
        self.review = review
        self.place = place
        self.line = line
    }

    /// The record as a sentence: words from the project's `WordSplitter`, spans checked against the text and
    /// their labels mapped; a span off word boundaries keeps its offsets and has no token indices.
    /// - Throws: `DataError` naming the file and record for a span outside the text, a reversed or empty span,
    ///   or a label the map refuses.
    public func sentence(id: String, labelMap: LabelMap, file: DataFile) throws -> Sentence {
        let scalars = Array(text.unicodeScalars)
        let tokens = WordSplitter.words(in: text)
        var entities: [EntitySpan] = []
        for (number, span) in spans.enumerated() {
            let what = "\(place), span \(number) [\(span.start), \(span.end)) '\(span.label)'"
            guard span.end >= span.start else {
                throw file.error(line: line, "\(what): the end is before the start",
                                 help: "offsets are character positions in the text, start first, end exclusive")
            }
            guard span.start >= 0, span.end <= scalars.count else {
                throw file.error(line: line, "\(what) lies outside the text (\(scalars.count) characters)",
                                 help: "offsets count characters (Unicode code points) from 0 in the record's own text")
            }
            guard span.end > span.start else {
                throw file.error(line: line, "\(what) is empty", help: "delete it, or give it at least one character")
            }
            let type = try labelMap.name(span.label) { label in
                file.error(line: line, "\(place): label '\(label)' is not in the label map",
                           help: "add '\(label): natural name' to 'labels', or set 'label_fallback' to keep or naturalize")
            }
            entities.append(Tokenization.entity(text: text, scalars: scalars, tokens: tokens, start: span.start,
                                                end: span.end, type: type))
        }
        // Overlapping spans are kept: nested decoding and the span metric want every one.
        entities.sort { ($0.start, $0.end, $0.type) < ($1.start, $1.end, $1.type) }
        return Sentence(id: id, text: text, tokens: tokens, entities: entities)
    }
}
