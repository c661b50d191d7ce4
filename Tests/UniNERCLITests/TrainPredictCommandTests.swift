import Foundation
import XCTest

/// `uniner train` on a tiny from-scratch student, then `uniner predict` on its model.
final class TrainPredictCommandTests: XCTestCase {
    func testTrainThenPredictWritesMentionsWithOffsets() throws {
        let folder = try CLIRunner.file("", test: self).deletingLastPathComponent()
        let (model, train) = try CLIRunner.tinyStudent(name: "cli-student", seed: 3, steps: 2, in: folder)
        XCTAssertEqual(train.status, 0, train.stderr)
        XCTAssertTrue(train.stdout.contains("model in"), train.stdout)
        XCTAssertTrue(train.stderr.contains("[span-encoder] step 2/2"), train.stderr)

        let predict = try CLIRunner.run(["predict", "--model", model.path, "--types", "person,location",
                                         "--threshold", "0", "--threads", "1"],
                                        stdin: "Alan Turing was born in London .\n{\"id\": \"b\", \"text\": \"Café Müller\", \"types\": [\"restaurant\"]}\n")
        XCTAssertEqual(predict.status, 0, predict.stderr)
        let lines = predict.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        for (line, labels) in zip(lines, [["location", "person"], ["restaurant"]]) {
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let text = try XCTUnwrap(object["text"] as? String)
            let answers = try XCTUnwrap(object["answers"] as? [String: String])
            XCTAssertEqual(answers.keys.sorted(), labels)
            // official answers are JSON lists of strings; at threshold 0 the labels share a cover of the text
            for answer in answers.values {
                XCTAssertNotNil(try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String], answer)
            }
            XCTAssertTrue(answers.values.contains { $0 != "[]" })
            let entities = try XCTUnwrap(object["entities"] as? [[String: Any]])
            XCTAssertFalse(entities.isEmpty)
            for entity in entities {
                let start = try XCTUnwrap(entity["start"] as? Int), end = try XCTUnwrap(entity["end"] as? Int)
                let scalars = Array(text.unicodeScalars)[start..<end]
                XCTAssertEqual(String(String.UnicodeScalarView(scalars)), entity["text"] as? String)
            }
        }
        XCTAssertTrue(lines[1].contains("\"id\":\"b\""))
        XCTAssertTrue(lines[1].contains("Caf\\\\u00e9"), "official answers escape non-ASCII as json.dumps does: \(lines[1])")
    }

    /// Every span of a two-sentence line is scored at threshold 0 (`--scores`): none crosses the sentence end,
    /// unless `--no-split-sentences` asks for the old behaviour.
    func testNoSpanIsScoredAcrossASentenceEnd() throws {
        let folder = try CLIRunner.file("", test: self).deletingLastPathComponent()
        let (model, train) = try CLIRunner.tinyStudent(name: "split-student", seed: 4, steps: 1, in: folder)
        XCTAssertEqual(train.status, 0, train.stderr)
        let text = "Marie Curie worked in Paris. Pierre Curie met Dr. Smith there."
        let end = "Marie Curie worked in Paris.".unicodeScalars.count
        func spans(_ extra: [String]) throws -> [[Int]] {
            let output = try CLIRunner.run(["predict", "--model", model.path, "--types", "person", "--threshold", "0",
                                            "--scores", "--threads", "1"] + extra, stdin: text + "\n")
            XCTAssertEqual(output.status, 0, output.stderr)
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            let scores = try XCTUnwrap((object["scores"] as? [String: [[Double]]])?["person"])
            return scores.map { $0.prefix(2).map { Int($0) } }
        }
        let split = try spans([])
        XCTAssertFalse(split.isEmpty)
        XCTAssertTrue(split.allSatisfy { $0[1] <= end || $0[0] > end }, "a span crosses the sentence end: \(split)")
        let doctor = "Marie Curie worked in Paris. Pierre Curie met ".unicodeScalars.count
        XCTAssertTrue(split.contains { $0 == [doctor, doctor + "Dr. Smith".unicodeScalars.count] },
                      "'Dr.' does not end a sentence, so 'Dr. Smith' is scored: \(split)")
        let whole = try spans(["--no-split-sentences"])
        XCTAssertTrue(whole.contains { $0[0] < end && $0[1] > end }, "without splitting, spans cross: \(whole)")

        // Each sentence is its own pass: the two-sentence line gives exactly what its sentences give alone.
        func entities(_ line: String) throws -> [[String]] {
            let output = try CLIRunner.run(["predict", "--model", model.path, "--types", "person", "--threshold", "0",
                                            "--threads", "1"], stdin: line + "\n")
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
            return try XCTUnwrap(object["entities"] as? [[String: Any]]).map { ["\($0["start"]!)", "\($0["text"]!)"] }
        }
        let second = "Pierre Curie met Dr. Smith there."
        let alone = try entities("Marie Curie worked in Paris.")
            + entities(second).map { ["\(Int($0[0])! + end + 1)", $0[1]] }
        XCTAssertEqual(try entities(text), alone)
    }
}
