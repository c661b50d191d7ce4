import UniNERCore

/// Other names for entity types, for training queries that name a type by a paraphrase (`LabelVariants`): with about
/// sixty distinct labels in Tab. 3's supervised mix, the query side can learn the strings; a synonym asked for the
/// same answers teaches it that another name means the same thing.
///
/// The built-in table covers every label the supervised sets of `Recipes/paper/table3-sup-only.yaml` train on (as
/// their dataset plugins name them). No paraphrase names a type of the zero-shot evaluation sets (CrossNER, MIT):
/// a test pins that, so the protocol stays zero-shot. Lookup normalises as `LabelDefinitions.key` does (case,
/// `_`/`-`/`/`, aliases); a type with no entry has no paraphrase.
public struct LabelParaphrases: Sendable {
    /// Paraphrases by normalised label.
    public let table: [String: [String]]

    public init(_ table: [String: [String]]) {
        var normalised: [String: [String]] = [:]
        for (label, names) in table { normalised[LabelDefinitions.key(label), default: []] += names }
        self.table = normalised
    }

    public static let builtIn = LabelParaphrases(builtInTable)

    /// The paraphrases of a type (empty when it has none).
    public func paraphrases(for type: String) -> [String] { table[LabelDefinitions.key(type)] ?? [] }

    static let builtInTable: [String: [String]] = [
        // CoNLL-2003, WikiANN, FiNER-ORD, Broad Twitter, WNUT-17
        "person": ["individual", "human", "named human being", "people's names"],
        "location": ["place", "geographic location", "locality", "place name"],
        "organization": ["institution", "company or agency", "organized body of people", "organized group"],
        "product": ["commercial product", "merchandise", "goods", "brand-name item"],
        "group": ["collective", "team or club", "named group of people"],
        "creative work": ["artistic creation", "artwork", "artistic work", "media work"],
        "corporation": ["company", "firm", "enterprise"],
        // biomedical
        "disease": ["illness", "medical condition", "disorder", "syndrome"],
        "gene": ["gene name", "gene symbol", "gene product", "genetic locus"],
        "anatomy": ["body part", "anatomical structure", "organ or tissue"],
        "chemical": ["chemical substance", "drug", "medication", "chemical name"],
        // E-NER (legal)
        "legislation": ["law", "statute", "legal act", "regulation"],
        "court": ["court of law", "tribunal", "judicial body"],
        "business": ["commercial enterprise", "company name", "trading firm"],
        "government": ["government body", "state authority", "public administration", "ministry"],
        // HarveyNER
        "area": ["region", "district", "neighborhood", "zone"],
        "road": ["street", "highway", "avenue", "route"],
        "point": ["landmark", "point of interest", "specific spot", "facility"],
        "river": ["creek", "stream", "waterway", "bayou"],
        // SciERC
        "task": ["research problem", "application task", "problem addressed"],
        "material": ["dataset", "data resource", "corpus", "resource used"],
        "metric": ["evaluation measure", "performance measure", "score"],
        "method": ["technique", "approach", "model", "procedure"],
        // StackOverflow-NER
        "application": ["software", "app", "program", "software application"],
        "file name": ["filename", "file", "file path"],
        "user name": ["username", "user handle", "account name"],
        "library variable": ["library constant", "library attribute", "library property"],
        "value": ["literal value", "constant", "parameter value"],
        "library function": ["library method", "API function", "library call"],
        "error name": ["exception", "error type", "exception name"],
        "variable name": ["variable", "identifier", "variable identifier"],
        "device": ["hardware", "gadget", "hardware device"],
        "html xml tag": ["markup tag", "html tag", "xml element"],
        "operating system": ["OS", "platform"],
        "keyboard input": ["key", "keystroke", "key combination"],
        "function name": ["function", "method name", "subroutine"],
        "language": ["language name", "natural or formal language"],
        "algorithm": ["computational procedure", "algorithm name", "computing method"],
        "class name": ["class", "type name", "class identifier"],
        "library class": ["library type", "API class", "framework class"],
        "version": ["version number", "release", "software version"],
        "file type": ["file format", "file extension", "format"],
        "website": ["web site", "web page", "online service", "URL"],
        "data type": ["type", "primitive type", "datatype"],
        "data structure": ["container type", "collection", "data container"],
        "user interface element": ["UI element", "widget", "interface control", "button or menu"],
        "library": ["software library", "framework", "package", "module"],
        // TASTEset (recipes)
        "taste": ["flavour", "flavor", "taste descriptor"],
        "color": ["colour", "hue", "shade"],
        "unit": ["unit of measure", "measurement unit"],
        "purpose": ["use", "intended use", "what an ingredient is for"],
        "physical quality": ["texture", "physical property", "state of an ingredient"],
        "food": ["ingredient", "foodstuff", "food item"],
        "process": ["cooking process", "preparation step", "cooking method"],
        "quantity": ["amount", "number", "measure"],
        "part": ["component", "part of an ingredient", "portion"],
    ]
}
