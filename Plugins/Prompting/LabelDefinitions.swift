import Foundation
import UniNERCore

/// Short definitions of entity types, for the `definition` prompt style: what a query names instead of the type.
///
/// The built-in table covers every label of the benchmark datasets under `UNINER_DATA` (their `labels.json`
/// files and the label sets listed in `SOURCES.md`), in natural language, plus the most frequent types of the
/// Pile-NER data (paper Tab. 1) and the OntoNotes/ACE names. Lookup is forgiving about spelling: case,
/// `_`/`-`/`/` and repeated spaces are ignored, and common abbreviations (`PER`, `LOC`, `ORG`, `MISC`, `GPE`...)
/// and the CrossNER run-together names (`programlang`, `musicalartist`...) are aliases.
///
/// ```swift
/// try LabelDefinitions.builtIn.definition(for: "person")  // "a named individual human being, real or fictional"
/// try LabelDefinitions.builtIn.definition(for: "PER")     // the same
/// ```
public struct LabelDefinitions: Sendable {
    /// Definitions by normalised label.
    public private(set) var table: [String: String]

    public init(_ table: [String: String]) {
        var normalised: [String: String] = [:]
        for (label, definition) in table { normalised[Self.key(label)] = definition }
        self.table = normalised
    }

    /// The built-in table.
    public static let builtIn = LabelDefinitions(builtInTable)

    /// The built-in table extended (and overridden) by a JSON object `{"label": "definition", ...}`.
    /// - Throws: `DataError` when the file cannot be read or is not such an object.
    public static func builtIn(extendedWith url: URL) throws -> LabelDefinitions {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DataError(file: url.path, "cannot read the definitions file: \(error.localizedDescription)",
                            help: "give 'definitions_file' as a path to a JSON object {\"label\": \"definition\"}")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data), let map = object as? [String: Any] else {
            throw DataError(file: url.path, "the definitions file is not a JSON object",
                            help: "write it as {\"label\": \"a short definition\", ...}")
        }
        var result = builtIn
        for (label, value) in map {
            guard let definition = value as? String, !definition.isEmpty else {
                throw DataError(file: url.path, "the definition of '\(label)' is not a non-empty string")
            }
            result.table[key(label)] = definition
        }
        return result
    }

    /// The definition of an entity type.
    /// - Throws: `UniNERError` naming the closest known labels and how to add a definition.
    public func definition(for type: String) throws -> String {
        let normalised = Self.key(type)
        if let definition = table[normalised] { return definition }
        let nearest = NearestNames.sorted(Array(table.keys), nearestTo: normalised).prefix(5)
        throw UniNERError(
            "no definition is known for the entity type '\(type)'",
            help: "write a JSON file {\"\(type)\": \"a short definition\"} and set 'definitions_file: PATH' in the "
                + "prompt section (its entries extend and override the built-in table); nearest known labels: "
                + nearest.joined(separator: ", "))
    }

    /// The lookup key of a label: lowercased, `_`/`-`/`/` as spaces, spaces collapsed, aliases resolved.
    public static func key(_ label: String) -> String {
        let spaced = label.lowercased().map { "_-/".contains($0) ? " " : $0 }
        let words = String(spaced).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return aliases[words] ?? words
    }

    static let aliases: [String: String] = [
        "per": "person", "pers": "person", "people": "person",
        "loc": "location", "org": "organization", "organisation": "organization",
        "misc": "miscellaneous", "else": "miscellaneous", "other": "miscellaneous",
        "gpe": "geopolitical entity", "fac": "facility", "norp": "nationality, religious or political group",
        "programlang": "programming language", "program language": "programming language",
        "literarygenre": "literary genre", "musicalartist": "musical artist", "musicgenre": "music genre",
        "musicalinstrument": "musical instrument", "politicalparty": "political party",
        "chemicalcompound": "chemical compound", "chemicalelement": "chemical element",
        "astronomicalobject": "astronomical object", "academicjournal": "academic journal",
        "metrics": "metric", "otherscientificterm": "other scientific term",
        "legislation act": "legislation", "keyboard ip": "keyboard input", "licence": "license",
        "restaurantname": "restaurant name", "averageratings": "average ratings", "average rating": "average ratings",
        "html xml tag": "html or xml tag", "creativework": "creative work", "work of art": "creative work",
        "cell type": "cell type", "celltype": "cell type", "cell line": "cell line", "cellline": "cell line",
        "genes": "gene", "gene or gene product": "gene", "diseases": "disease", "chemicals": "chemical",
        "measure type": "measure type", "generic measure": "generic measure", "ph": "ph",
    ]

    static let builtInTable: [String: String] = [
        // General (CoNLL, WikiANN, WikiNeural, FiNER-ORD, broad Twitter, E-NER, OntoNotes/ACE names)
        "person": "a named individual human being, real or fictional",
        "location": "a named place, such as a geographical area, landmark, building or address",
        "organization": "a named group of people with a shared purpose, such as a company, institution, agency or team",
        "miscellaneous": "a named entity that is not a person, organization or location, such as an event, nationality or work",
        "geopolitical entity": "a country, city, state or other place with a government",
        "facility": "a named building, airport, highway, bridge or other man-made structure",
        "nationality, religious or political group": "a nationality, religious group or political group",
        "country": "a nation with its own government and territory",
        "event": "a named occurrence, such as a war, festival, disaster, competition or ceremony",
        "product": "a named object, device, vehicle, software or service made or sold by a company",
        "date": "an absolute or relative calendar date or period",
        "time": "a time of day or a duration shorter than a day",
        "money": "a monetary amount, including its currency",
        "percent": "a percentage",
        "quantity": "an amount or measurement, usually a number with a unit",
        "cardinal": "a number that does not fall under another numeric type",
        "ordinal": "an ordinal number such as first or third",
        "language": "a named human or programming language",
        "law": "a named law, treaty, regulation or legal document",
        "legislation": "a named law, act, statute or regulation",
        "business": "a named company or commercial enterprise",
        "court": "a named court of law or tribunal",
        "government": "a government or a government body, agency or department",
        "group": "a named group of people, such as a band, team, community or movement",
        "corporation": "a named company or business",
        "creative work": "a named creative work, such as a book, song, film, painting or video game",
        "concept": "an abstract idea, notion or theory",
        "technology": "a technology, technique or technical system",
        "medical condition": "a disease, disorder, injury or other health condition",
        "title": "the title of a work, such as a film, book or song",
        // CrossNER AI / science / literature / music / politics
        "algorithm": "a named computational procedure, method or model",
        "conference": "a named academic conference or workshop",
        "task": "a problem or task that a method or system addresses",
        "field": "a field or area of study or research",
        "metric": "a measure used to evaluate a system or method",
        "researcher": "a person who does scientific research",
        "programming language": "a language for writing computer programs",
        "university": "a named university or institution of higher education",
        "writer": "a person who writes books, poems, plays or articles",
        "book": "the title of a book or novel",
        "award": "a named prize, honour or award",
        "literary genre": "a category of literature, such as poetry, novel or science fiction",
        "poem": "the title of a poem",
        "magazine": "the name of a magazine or periodical publication",
        "band": "a named musical group",
        "song": "the title of a song or piece of music",
        "musical artist": "a singer, musician or composer",
        "music genre": "a style or category of music",
        "album": "the title of a music album",
        "musical instrument": "an instrument used to make music",
        "election": "a named election or referendum",
        "political party": "a named political party",
        "politician": "a person active in politics or holding a political office",
        "chemical compound": "a substance made of two or more chemical elements",
        "scientist": "a person who works in science",
        "astronomical object": "a named star, planet, galaxy, comet or other object in space",
        "protein": "a named protein or protein family",
        "theory": "a named scientific theory, law or principle",
        "enzyme": "a named enzyme, a protein that catalyses chemical reactions",
        "discipline": "an academic discipline or branch of science",
        "chemical element": "a chemical element such as oxygen or iron",
        "academic journal": "the name of a scholarly journal",
        // MIT movie / restaurant
        "genre": "a category of film, such as comedy, horror or drama",
        "year": "a year or decade",
        "plot": "a description of the story or content of a film",
        "average ratings": "how well a film is rated or reviewed on average",
        "actor": "a person who acts in films",
        "character": "a fictional character in a film or story",
        "rating": "an age or quality rating, such as PG-13 or five stars",
        "review": "an opinion or critique of a film or restaurant",
        "director": "a person who directs films",
        "trailer": "a preview or trailer of a film",
        "amenity": "a feature or service offered by a restaurant, such as parking or outdoor seating",
        "cuisine": "a style of cooking or type of food, such as Italian or vegan",
        "hours": "opening hours or a time when a restaurant is open",
        "price": "a price level or cost",
        "dish": "a named dish, food or drink",
        "restaurant name": "the name of a restaurant",
        // Biomedical
        "anatomy": "a part of an organism's body, such as an organ, tissue or cell",
        "gene": "a gene or gene product",
        "disease": "a disease, disorder or syndrome",
        "chemical": "a chemical substance or drug",
        "cell type": "a kind of cell, such as a T cell or neuron",
        "dna": "a DNA sequence, gene region or DNA molecule",
        "cell line": "a named population of cultured cells",
        "rna": "an RNA molecule or transcript",
        // Social media (WNUT-17, HarveyNER)
        "point": "a specific named place, such as a building, street address or landmark",
        "area": "a named area such as a neighbourhood, city or region",
        "road": "a named road, street or highway",
        "river": "a named river, creek or bayou",
        // StackOverflow-NER
        "variable name": "the name of a variable in source code",
        "library class": "a class defined in a software library",
        "code block": "a block of source code",
        "user interface element": "an element of a user interface, such as a button, menu or window",
        "library function": "a function defined in a software library",
        "file name": "the name of a file",
        "library variable": "a variable or constant defined in a software library",
        "application": "a named software application",
        "device": "a physical device, machine or piece of equipment",
        "value": "a value, such as a number, string or measured quantity",
        "operating system": "a computer operating system",
        "library": "a software library, framework or package",
        "data structure": "a way of organising data, such as an array, list or hash table",
        "version": "a version number of software",
        "data type": "a data type in programming, such as integer or string",
        "file type": "a file format or extension",
        "html or xml tag": "an HTML or XML tag",
        "class name": "the name of a class in source code",
        "output block": "output printed by a program",
        "error name": "the name of an error or exception",
        "website": "a named website or web service",
        "function name": "the name of a function or method in source code",
        "user name": "a user's name or handle",
        "keyboard input": "a key or key combination pressed on a keyboard",
        "license": "a software license",
        // TASTEset
        "unit": "a unit of measurement, such as cup, gram or teaspoon",
        "food": "a food or ingredient",
        "process": "a preparation or cooking process, such as chopped or baked",
        "physical quality": "a physical property of food, such as fresh, frozen or large",
        "part": "a part of a food or ingredient, such as the zest or the leaves",
        "purpose": "what an ingredient is used for, such as for garnish",
        "taste": "a taste or flavour, such as sweet or spicy",
        "color": "a colour",
        // SciERC
        "other scientific term": "a scientific term that is not a task, method, metric, material or generic term",
        "material": "a material, dataset or resource used in research or engineering",
        "generic": "a general term that refers to a method, system or other entity",
        "method": "a method, technique, model or procedure",
        // WLP (wet lab protocols)
        "modifier": "a word that modifies an action or entity in a lab protocol, such as gently or overnight",
        "reagent": "a chemical, solution or biological material used in an experiment",
        "action": "an action performed in a lab protocol, such as mix, incubate or centrifuge",
        "amount": "an amount of a substance, such as a volume or mass",
        "concentration": "the concentration of a substance",
        "temperature": "a temperature",
        "generic measure": "a measurement that is not an amount, concentration, temperature, speed, time, size or pH",
        "numerical": "a number",
        "speed": "a speed, such as rotations per minute",
        "measure type": "the kind of quantity being measured",
        "ph": "a pH value",
        "size": "a size or dimension",
        "mention": "a word that refers back to an entity mentioned earlier, such as it or them",
        "seal": "a seal or cover for a container, such as a lid or foil",
        // SOFC-Exp
        "experiment": "an experiment or measurement procedure",
    ]
}
