import UniNERCore
import XCTest

extension XCTestCase {
    /// Runs `body`, which must throw a `RecipeError`, and returns that error (nil, with a failure, otherwise).
    func expectRecipeError(file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void) -> RecipeError? {
        do {
            try body()
            XCTFail("expected a recipe error", file: file, line: line)
        } catch let error as RecipeError {
            return error
        } catch {
            XCTFail("expected a RecipeError, got \(error)", file: file, line: line)
        }
        return nil
    }
}
