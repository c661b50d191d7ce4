import Foundation
import XCTest
import UniNERCore
import UniNERNumerics
@testable import UniNERStudents

/// `query_pooling: label_mean`: a label's query vector is the mean of its own word pieces' states.
final class QueryPoolingTests: XCTestCase {
    func testEveryLayoutPoolsExactlyTheLabelsPieces() throws {
        let folder = try StudentFixtures.backbone()
        let token = try SpanInputEncoder(folder: folder, maxTokens: 64)
        let pooled = try SpanInputEncoder(folder: folder, maxTokens: 64, pooling: .labelMean)
        let label = "programming language", dataset = "toy"
        let labelPieces = pooled.pieces(label), fieldPieces = pooled.pieces("Dataset: \(dataset)")
        XCTAssertGreaterThan(labelPieces.count, 1)

        // per type: [CLS] Dataset: toy programming language [SEP]
        let perType = pooled.querySide(labels: [label], dataset: dataset, layout: .perType)
        XCTAssertEqual(perType.queries, [1 + fieldPieces.count])
        XCTAssertEqual(perType.widths, [labelPieces.count])
        XCTAssertEqual(Array(perType.ids[perType.queries[0]..<(perType.queries[0] + labelPieces.count)]), labelPieces)
        let plain = token.querySide(labels: [label], dataset: dataset, layout: .perType)
        XCTAssertEqual(plain.ids, perType.ids, "pooling changes which states are read, not the input")
        XCTAssertEqual(plain.queries, [0])
        XCTAssertNil(plain.widths)

        // all in one: [CLS] [M] person [M] programming language [SEP]: each label's pieces, after its marker
        let allInOne = pooled.querySide(labels: ["person", label], dataset: nil, layout: .allInOne)
        XCTAssertEqual(allInOne.queries, [2, 4])
        XCTAssertEqual(allInOne.widths, [1, labelPieces.count])
        XCTAssertEqual(allInOne.queries.map { allInOne.ids[$0 - 1] }, [pooled.markerID, pooled.markerID])

        // the shared pass: each type block [M] label, pooled over the label
        let words = ["Ada", "wrote", "in", "Python", "."]
        let shared = SharedPassLayout.sequence(pooled, labels: ["person", label], dataset: nil,
                                               passage: pooled.passage(words: words), window: 0..<words.count).sequence
        let plainShared = SharedPassLayout.sequence(token, labels: ["person", label], dataset: nil,
                                                    passage: token.passage(words: words), window: 0..<words.count).sequence
        XCTAssertEqual(shared.queryPositions, plainShared.queryPositions.map { $0 + 1 })
        XCTAssertEqual(shared.queryWidths, [1, labelPieces.count])
        XCTAssertNil(plainShared.queryWidths)

        // a batch of pooled and plain sequences gives the plain ones width 1
        let sequence = pooled.sequence(query: perType, passage: pooled.passage(words: words), window: 0..<words.count).sequence
        let mixed = pooled.batch([sequence, plainShared])
        XCTAssertEqual(mixed.queryWidths, [[labelPieces.count], [1, 1]])
        XCTAssertNoThrow(try mixed.validate())
        XCTAssertNil(token.batch([plainShared]).queryWidths)
    }

    func testALabelMeanStudentSavesItsPoolingAndThePredictorAsksTheSameWay() async throws {
        let stage = try StudentFixtures.temporaryFolder()
        var options = try StudentFixtures.options(steps: 40, lr: 2e-3)
        options.queryPooling = .labelMean
        let artifact = try await SpanEncoderStudent(options: options)
            .train(StudentFixtures.examples(layout: .perType), into: stage, context: StudentFixtures.context(stage))
        XCTAssertEqual(artifact.info["query vector"], "label_mean")
        let losses = try StudentFixtures.losses(stage)
        XCTAssertLessThan(losses.suffix(5).reduce(0, +), losses.prefix(5).reduce(0, +) * 0.5, "\(losses)")
        let predictor = try SpanEncoderPredictor(modelDirectory: stage, threshold: 0.5)
        XCTAssertEqual(predictor.info.queryPooling, .labelMean)
        let predictions = try predictor.predictQueries(StudentFixtures.queries())
        XCTAssertEqual(predictions[0].prediction, "[\"Barack Obama\", \"Angela Merkel\"]")
        XCTAssertEqual(predictions[5].prediction, "[\"Microsoft\"]")
        // the predictor reads the pooling from student.json: the same weights asked through [CLS] score otherwise
        let texts = [(text: StudentFixtures.texts[0], dataset: String?.none, labels: ["person", "location"])]
        let pooledTables = try SpanEncoderPredictor(modelDirectory: stage, threshold: 0.01).spanTables(texts: texts).tables
        var info = predictor.info
        info.queryPooling = nil
        try JSONEncoder().encode(info).write(to: stage.appendingPathComponent("model").appendingPathComponent(SpanEncoderModelInfo.fileName))
        let tokenTables = try SpanEncoderPredictor(modelDirectory: stage, threshold: 0.01).spanTables(texts: texts).tables
        XCTAssertNotEqual(pooledTables, tokenTables)
        // a model saved with the token pooling is read as before: no field in its student.json
        let plain = SpanEncoderModelInfo(layout: .perType, maxTokens: 64, marker: "[unused1]", threshold: 0.5, decoding: .flat, steps: 1)
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(plain)) as? [String: Any]
        XCTAssertNil(object?["queryPooling"])
        XCTAssertNil(plain.summary["query vector"])
    }

    func testTheOptionNamesItsChoicesAndExportRefusesAPooledModel() throws {
        let decoded = try JSONDecoder().decode(SpanEncoderOptions.self, from: Data(#"{"query_pooling": "label_mean"}"#.utf8))
        XCTAssertEqual(decoded.queryPooling, .labelMean)
        XCTAssertEqual(try JSONDecoder().decode(SpanEncoderOptions.self, from: Data("{}".utf8)).queryPooling, .token)
        XCTAssertThrowsError(try JSONDecoder().decode(SpanEncoderOptions.self, from: Data(#"{"query_pooling": "mean"}"#.utf8))) {
            XCTAssertTrue("\($0)".contains("token, label_mean"), "\($0)")
        }

        let info = SpanEncoderModelInfo(layout: .perType, maxTokens: 64, marker: "[unused1]", threshold: 0.5, decoding: .flat,
                                        steps: 1, queryPooling: .labelMean)
        let error = try XCTUnwrap(StudentFixtures.exportError(for: info))
        XCTAssertTrue("\(error)".contains("query_pooling: token"), "\(error)")
    }

    /// `query_hidden`: the hidden query layer reaches the saved model, and the export, whose graph projects the query
    /// once, says what to do instead.
    func testAHiddenQueryLayerIsSavedAndTheExportRefusesIt() async throws {
        XCTAssertEqual(try JSONDecoder().decode(SpanEncoderOptions.self, from: Data(#"{"query_hidden": 1536}"#.utf8)).queryHidden, 1536)
        XCTAssertThrowsError(try JSONDecoder().decode(SpanEncoderOptions.self, from: Data(#"{"query_hidden": -1}"#.utf8)))
        let stage = try StudentFixtures.temporaryFolder()
        var options = try StudentFixtures.options(steps: 3)
        options.queryHidden = 24
        _ = try await SpanEncoderStudent(options: options)
            .train(StudentFixtures.examples(layout: .perType), into: stage, context: StudentFixtures.context(stage))
        let model = try SpanModel.load(folder: stage.appendingPathComponent("model"))
        XCTAssertEqual(model.config.queryHiddenSize, 24)
        let error = try XCTUnwrap(StudentFixtures.exportError(modelDirectory: stage))
        XCTAssertTrue("\(error)".contains("query_hidden: 0"), "\(error)")
    }

    /// `span_lstm`: the BiLSTM reaches the saved model (and the predictor reads the spans through it), and the
    /// export, whose graph reads spans from the encoder, says what to do instead.
    func testASpanLSTMIsSavedAndTheExportRefusesIt() async throws {
        XCTAssertTrue(try JSONDecoder().decode(SpanEncoderOptions.self, from: Data(#"{"span_lstm": true}"#.utf8)).spanLSTM)
        XCTAssertFalse(try JSONDecoder().decode(SpanEncoderOptions.self, from: Data("{}".utf8)).spanLSTM)
        let stage = try StudentFixtures.temporaryFolder()
        var options = try StudentFixtures.options(steps: 3)
        options.spanLSTM = true
        _ = try await SpanEncoderStudent(options: options)
            .train(StudentFixtures.examples(layout: .perType), into: stage, context: StudentFixtures.context(stage))
        let model = try SpanModel.load(folder: stage.appendingPathComponent("model"))
        XCTAssertTrue(model.config.spanLSTM)
        XCTAssertEqual(model.store.parameters.filter { $0.name.hasPrefix("rnn.") }.count, 6)
        let error = try XCTUnwrap(StudentFixtures.exportError(modelDirectory: stage))
        XCTAssertTrue("\(error)".contains("span_lstm: false"), "\(error)")
    }
}
