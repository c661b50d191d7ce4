import UniNERCatalog
import UniNERCore
import XCTest

final class PluginRegistryTests: XCTestCase {
    struct First: Sendable {}
    struct Second: Sendable {}

    func testAKindRegisteredTwiceInOneFamilyIsAnErrorNamingBothTypes() {
        let descriptors: [PluginDescriptor] = [
            .plugin(.negatives, kind: "frequency", summary: "one", options: NoOptions.self) { _ in First() },
            .plugin(.negatives, kind: "uniform", summary: "other kind", options: NoOptions.self) { _ in First() },
            .plugin(.negatives, kind: "frequency", summary: "two", options: NoOptions.self) { _ in Second() },
        ]
        XCTAssertThrowsError(try PluginRegistry(descriptors)) { error in
            XCTAssertEqual(error as? DuplicatePluginKind,
                           DuplicatePluginKind(family: .negatives, kind: "frequency",
                                               firstType: "UniNERCoreTests.PluginRegistryTests.First",
                                               secondType: "UniNERCoreTests.PluginRegistryTests.Second"))
            XCTAssertTrue(error.localizedDescription.contains("negative sampler kind 'frequency' is registered twice"),
                          error.localizedDescription)
        }
    }

    func testTheSameKindInTwoFamiliesIsAllowed() throws {
        // `openai` is both an annotator and a predictor; `span-encoder` both a student and a predictor.
        let registry = try PluginRegistry([
            .plugin(.annotator, kind: "openai", summary: "teacher", options: NoOptions.self) { _ in First() },
            .plugin(.predictor, kind: "openai", summary: "predictor", options: NoOptions.self) { _ in Second() },
        ])
        XCTAssertEqual(registry.descriptor(.predictor, kind: "openai")?.type, "UniNERCoreTests.PluginRegistryTests.Second")
    }

    func testTheCatalogRegistersEveryKindOnceAndEachFamilyListInItsModule() throws {
        let registry = try PluginRegistry(Catalog.all)
        XCTAssertEqual(registry.kinds(of: .predictor), ["openai", "span-encoder"])
        XCTAssertEqual(registry.descriptor(.predictor, kind: "span-encoder")?.type, "UniNERStudents.SavedModelPredictor")
        XCTAssertEqual(registry.descriptor(.student, kind: "span-encoder")?.type, "UniNERStudents.SpanEncoderStudent")
        XCTAssertEqual(registry.kinds(of: .annotator), ["command", "gold", "openai", "replay", "reviewed"])
    }
}
