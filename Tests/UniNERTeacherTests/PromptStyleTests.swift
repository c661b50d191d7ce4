import Foundation
import Testing
import UniNERCore
@testable import UniNERPrompting

@Suite struct PromptStyleTests {
    let passage = Passage(id: "p", text: "Marie Curie worked in Paris.")

    @Test func typePromptIsFigureOneVerbatim() throws {
        let messages = TypePromptStyle().teacherMessages(for: passage)
        #expect(messages == [
            ChatMessage(role: "system", content: "You are a helpful information extraction system."),
            ChatMessage(role: "user", content: "Given a passage, your task is to extract all entities and identify their entity types. The output should be in a list of tuples of the following format: [(\"entity 1\", \"type of entity 1\"), ... ].\n\nPassage: Marie Curie worked in Paris."),
        ])
        #expect(try TypePromptStyle().label(forType: "musical artist") == "musical artist")
    }

    @Test func definitionPromptIsTheCardsInstruction() {
        let messages = DefinitionPromptStyle().teacherMessages(for: passage)
        #expect(messages.map(\.role) == ["system", "user"])
        #expect(messages[0].content == "You are a helpful information extraction system.")
        #expect(messages[1].content == "Given a paragraph, your task is to extract all entities and concepts, and define their type using a short sentence. The output should be in the following format: [(\"entity\", \"definition of entity type in a short sentence\"), ... ]\n\nPassage: Marie Curie worked in Paris.")
    }

    @Test(arguments: [
        ("person", "a named individual human being, real or fictional"),
        ("PER", "a named individual human being, real or fictional"),
        ("organisation", "a named group of people with a shared purpose, such as a company, institution, agency or team"),
        ("Restaurant Name", "the name of a restaurant"),
        ("cell_type", "a kind of cell, such as a T cell or neuron"),
        ("LEGISLATION/ACT", "a named law, act, statute or regulation"),
        ("programlang", "a language for writing computer programs"),
        ("Generic-Measure", "a measurement that is not an amount, concentration, temperature, speed, time, size or pH"),
    ])
    func definitionsResolveSpellings(label: String, definition: String) throws {
        #expect(try DefinitionPromptStyle().label(forType: label) == definition)
    }

    /// Every label of every benchmark dataset has a definition: the `labels.json` files found under the benchmark
    /// folder, and the label sets of the other datasets as SOURCES.md lists them.
    @Test func everyBenchmarkLabelHasADefinition() throws {
        var labels: Set<String> = [
            "else", "misc", "organisation", "programlang", "literarygenre", "musicalartist", "musicgenre",
            "musicalinstrument", "politicalparty", "LOC", "PER", "ORG", "MISC", "Anatomy", "GENE", "Disease",
            "Chemical", "protein", "cell_type", "DNA", "cell_line", "RNA", "group", "creative-work", "corporation",
            "product", "POINT", "AREA", "ROAD", "RIVER", "BUSINESS", "COURT", "GOVERNMENT", "LEGISLATION/ACT",
            "LOCATION", "MISCELLANEOUS", "PERSON", "QUANTITY", "UNIT", "FOOD", "PROCESS", "PHYSICAL_QUALITY", "PART",
            "PURPOSE", "TASTE", "COLOR", "Task", "OtherScientificTerm", "Material", "Generic", "Method", "Metric",
            "Modifier", "Reagent", "Action", "Amount", "Location", "Concentration", "Temperature", "Time",
            "Generic-Measure", "Numerical", "Device", "Speed", "Measure-Type", "pH", "Size", "Mention", "Seal",
            "EXPERIMENT", "MATERIAL", "DEVICE", "VALUE",
            "Variable_Name", "Library_Class", "Code_Block", "User_Interface_Element", "Library_Function", "File_Name",
            "Library_Variable", "Application", "Value", "Operating_System", "Library", "Data_Structure", "Language",
            "Version", "Data_Type", "File_Type", "HTML_XML_Tag", "Class_Name", "Output_Block", "Error_Name", "Website",
            "Function_Name", "User_Name", "Organization", "Algorithm", "Keyboard_IP", "Licence",
        ]
        if let root = ReplayFixtures.benchmark {
            let folders = try FileManager.default.contentsOfDirectory(atPath: root.path)
            for folder in folders {
                let file = root.appendingPathComponent(folder).appendingPathComponent("labels.json")
                guard let data = try? Data(contentsOf: file) else { continue }
                labels.formUnion(try JSONDecoder().decode([String].self, from: data))
            }
            #expect(labels.contains("musical instrument"), "labels.json files were read")
        }
        let style = DefinitionPromptStyle()
        let missing = labels.filter { (try? style.label(forType: $0)) == nil }.sorted()
        #expect(missing.isEmpty, "no definition for: \(missing)")
    }

    @Test func unknownTypeErrorSaysHowToAddOne() {
        #expect {
            try DefinitionPromptStyle().label(forType: "spaceship")
        } throws: { error in
            let text = (error as? UniNERError)?.errorDescription ?? ""
            return text.contains("'spaceship'") && text.contains("definitions_file") && text.contains("nearest known labels")
        }
    }

    @Test func definitionsFileExtendsAndOverrides() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("defs-\(UUID().uuidString).json")
        try Data(#"{"spaceship": "a vehicle for travel in space", "person": "a human"}"#.utf8).write(to: file)
        let style = try DefinitionPromptStyle(options: .init(definitionsFile: file.path))
        #expect(try style.label(forType: "Spaceship") == "a vehicle for travel in space")
        #expect(try style.label(forType: "person") == "a human")
        #expect(try style.label(forType: "disease") == "a disease, disorder or syndrome")
        try Data(#"["not", "an", "object"]"#.utf8).write(to: file)
        #expect(throws: DataError.self) { try DefinitionPromptStyle(options: .init(definitionsFile: file.path)) }
    }
}
