import Foundation
import UniNERCatalog
import UniNERCore
import Yams

/// One thing to fuzz: a name, how an input is laid out on disk, and the call that reads it. A thrown error is an
/// expected outcome; only a crash, a case over the time limit or runaway memory is a finding.
struct FuzzTarget {
    var name: String
    var input: FuzzInput
    /// Reads the materialized input of case number `index`; returns normally when it was accepted.
    var run: (_ url: URL, _ index: Int) throws -> Void

    /// The recipe target and one target per `.format` plugin of the catalog.
    static func all() throws -> [FuzzTarget] {
        var targets = [recipe()]
        for kind in Catalog.registry.kinds(of: .format) {
            targets.append(try format(kind))
        }
        return targets
    }

    /// Loads the recipe file (fixed environment, sometimes with an override) and validates every variant through
    /// the catalog, as `uniner validate` does.
    static func recipe() -> FuzzTarget {
        // Paths that exist in the repository (run from its root, as scripts/fuzz.sh and swift test do): validation
        // checks that input paths exist, and a missing backbone would stop every mutant at the same early error.
        let environment = [
            "TEACHER_URL": "http://127.0.0.1:9/v1", "TEACHER_MODEL": "teacher", "PILE_NER_TYPE": "Recipes/data/quickstart-pile-ner.json",
            "UNINER_MODEL_DIR": ".models/all-MiniLM-L6-v2", "HOME": "/nonexistent", "A": "a", "B": "${A}", "EMPTY": "",
        ]
        let loader = RecipeLoader(environment: environment)
        let validator = RecipeValidator(registry: Catalog.registry)
        let overrides = [[], [], [], ["scale=paper"], ["seed=-1"], ["student.epochs=2"], ["name=${A}"],
                         ["queries.negatives=uniform"], ["evaluate.metric=[strict, span]"], ["annotator.kind=gold"]]
        return FuzzTarget(name: "recipe", input: .file(name: "recipe.yaml")) { url, index in
            for variant in try loader.load(file: url.path, overrides: overrides[index % overrides.count]) {
                try validator.validate(variant)
            }
        }
    }

    /// A dataset format built by kind through the catalog with its default options (and, for `sofc`, also
    /// with `set: train`, which reads the metadata file).
    static func format(_ kind: String) throws -> FuzzTarget {
        let plain = try Catalog.registry.make(.format, kind: kind, as: (any DatasetFormat).self)
        var formats = [plain]
        if kind == "sofc" {
            let options = Node([(Node("set"), Node("train"))])
            let section = PluginSection(kind: kind, options: options, path: "format", file: "<fuzz>")
            formats.append(try Catalog.registry.make(.format, section, as: (any DatasetFormat).self))
        }
        return FuzzTarget(name: kind, input: layout(of: kind)) { url, index in
            let sentences = try formats[index % formats.count].read(url)
            // Touch what a reader produced, so that lazily wrong offsets would surface here too.
            for sentence in sentences {
                for entity in sentence.entities where entity.start > entity.end || entity.end > sentence.text.unicodeScalars.count {
                    throw FuzzFinding("\(kind): entity [\(entity.start), \(entity.end)) outside its sentence '\(sentence.id)'")
                }
            }
        }
    }

    /// The file name each reader expects (some look at the extension or stem), or a folder.
    static func layout(of kind: String) -> FuzzInput {
        switch kind {
        case "sofc": return .folder
        case "csv-tokens", "finer-ord": return .file(name: "test.csv")
        case "tasteset": return .file(name: "TASTEset.csv")
        case "gliner-json", "uniner-json", "scierc": return .file(name: "test.json")
        default: return .file(name: "test.txt")
        }
    }
}
