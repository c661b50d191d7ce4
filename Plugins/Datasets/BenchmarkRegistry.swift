import Foundation
import UniNERCore

/// Every dataset of the paper's benchmark table (Tab. 6, 49 rows; the text counts them as 43 datasets, the
/// coarse/fine and per-domain variants apparently counted once), plus CoNLL-2003 and WNUT-17, which are staged
/// for supervised mixing. Label sets are in natural language and in query order.
public enum BenchmarkRegistry {
    /// Looks a dataset up by folder name (case-insensitive).
    public static func dataset(named name: String) -> BenchmarkDataset? {
        all.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The 9 domains of the paper, in its order.
    public static let domains = ["general", "biomed", "clinics", "STEM", "programming", "social media", "law",
                                 "finance", "transportation"]

    public static let all: [BenchmarkDataset] = general + biomed + clinics + stem + others + extras

    // MARK: - Layouts shared by several datasets

    private static func crossNER(_ domain: String, _ labels: [String], _ sizes: BenchmarkDataset.Sizes,
                                 area: String) -> BenchmarkDataset {
        BenchmarkDataset(
            name: "CrossNER_\(domain)", paperName: "CrossNER \(domain)", domain: area, labels: labels, format: "conll",
            paperSizes: sizes,
            source: "github.com/zliucr/CrossNER ner_data/\(domain.lowercased())/{train,dev,test}.txt; official UniNER queries: github.com/universal-ner/universal-ner src/eval/test_data/CrossNER_\(domain).json",
            layout: .init(splits: [("train", ["train.txt"]), ("dev", ["dev.txt"]), ("test", ["test.txt"])],
                          format: ColumnFormat(separator: .tab, labelMap: .crossNER)),
            notes: "labels in the order of the official query file; misc (else) is not asked")
    }

    private static func biomedIOB(_ name: String, paper: String, _ labels: [String], _ map: [String: String],
                                  _ sizes: BenchmarkDataset.Sizes, folder: String, train: Bool = true) -> BenchmarkDataset {
        BenchmarkDataset(
            name: name, paperName: paper, domain: "biomed", labels: labels, format: "conll", paperSizes: sizes,
            source: "github.com/cambridgeltl/MTL-Bioinformatics-2016 data/\(folder)/{train,devel,test}.tsv",
            layout: .init(splits: (train ? [("train", ["train.tsv"])] : []) + [("dev", ["devel.tsv"]), ("test", ["test.tsv"])],
                          format: ColumnFormat(separator: .tab, labelMap: LabelMap(map))))
    }

    private static let threeTypes = ["person", "location", "organization"]

    // MARK: - General

    static let general: [BenchmarkDataset] = [
        BenchmarkDataset(name: "ACE04", paperName: "ACE04", domain: "general",
                         labels: ["person", "organization", "location", "facility", "weapon", "vehicle", "geographical social political"],
                         format: "source format (not staged)", paperSizes: .init(6202, 745, 812),
                         source: "LDC2005T09 (licensed)"),
        BenchmarkDataset(name: "ACE05", paperName: "ACE05", domain: "general",
                         labels: ["person", "organization", "location", "facility", "weapon", "vehicle", "geographical social political"],
                         format: "source format (not staged)", paperSizes: .init(7299, 971, 1060),
                         source: "LDC2006T06 (licensed)"),
        BenchmarkDataset(
            name: "conllpp", paperName: "conllpp", domain: "general", labels: threeTypes, format: "conll",
            paperSizes: .init(14041, 3250, 3453),
            source: "github.com/ZihanWangKi/CrossWeigh data/conllpp_test.txt (train/dev are CoNLL-2003's)",
            layout: .init(splits: [("train", ["../conll2003/train.txt"]), ("dev", ["../conll2003/dev.txt"]),
                                   ("test", ["conllpp_test.txt"])],
                          format: { split in
                              split == "test" ? ColumnFormat(labelMap: .conll)
                                              : ColumnFormat(separator: .tab, labelMap: .crossNER)
                          }),
            notes: "3 types as in Tab. 6: MISC (else) is not asked; train/dev read CoNLL-2003's files from the conll2003 folder"),
        crossNER("AI", ["organization", "university", "location", "person", "conference", "country", "researcher", "task",
                        "product", "algorithm", "program language", "field", "metrics"], .init(100, 350, 431), area: "general"),
        crossNER("literature", ["poem", "book", "award", "event", "organization", "literary genre", "magazine", "writer",
                                "person", "country", "location"], .init(100, 400, 416), area: "general"),
        crossNER("music", ["country", "location", "musical artist", "musical instrument", "person", "song", "album", "band",
                           "organization", "music genre", "event", "award"], .init(100, 380, 465), area: "general"),
        crossNER("politics", ["political party", "election", "politician", "location", "organization", "country", "event",
                              "person"], .init(199, 540, 650), area: "general"),
        crossNER("science", ["university", "event", "astronomical object", "person", "protein", "enzyme", "scientist",
                             "chemical element", "discipline", "award", "organization", "location", "chemical compound",
                             "country", "academic journal", "theory"], .init(200, 450, 543), area: "general"),
        BenchmarkDataset(name: "FewNERD-coarse", paperName: "FewNERD-coarse", domain: "general",
                         labels: ["person", "organization", "location", "building", "art", "product", "event"],
                         format: "source format (not staged)", paperSizes: .init(131767, 18824, 37648),
                         source: "ningding97.github.io/fewnerd (supervised split); HF DFKI-SLT/few-nerd",
                         notes: "7 coarse types; 'other' is not asked"),
        BenchmarkDataset(name: "FewNERD-fine", paperName: "FewNERD-fine", domain: "general", labels: nil,
                         format: "source format (not staged)", paperSizes: .init(131767, 18824, 37648),
                         source: "ningding97.github.io/fewnerd (supervised split); HF DFKI-SLT/few-nerd",
                         notes: "59 fine types; the paper's exact names are not established here"),
        BenchmarkDataset(name: "MultiNERD", paperName: "MultiNERD", domain: "general", labels: nil,
                         format: "source format (not staged)", paperSizes: .init(134144, 10000, 10000),
                         source: "HF Babelscape/multinerd (English)",
                         notes: "16 types per Tab. 6; the source has 15 (PER ORG LOC ANIM BIO CEL DIS EVE FOOD INST MEDIA MYTH PLANT TIME VEHI)"),
        BenchmarkDataset(name: "Ontonotes", paperName: "Ontonotes", domain: "general",
                         labels: ["cardinal", "date", "event", "facility", "geopolitical entity", "language", "law",
                                  "location", "money", "nationality religious political group", "ordinal", "organization",
                                  "percent", "person", "product", "quantity", "time", "work of art"],
                         format: "source format (not staged)", paperSizes: .init(59924, 8528, 8262),
                         source: "LDC2013T19 (licensed), CoNLL-2012 split"),
        BenchmarkDataset(name: "PolyglotNER", paperName: "PolyglotNER", domain: "general", labels: threeTypes,
                         format: "source format (not staged)", paperSizes: .init(393982, 10000, 10000),
                         source: "HF rmyeid/polyglot_ner (English)"),
        BenchmarkDataset(
            name: "TASTEset", paperName: "TASTESet", domain: "general",
            labels: ["food", "quantity", "unit", "process", "physical quality", "color", "taste", "purpose", "part"],
            format: "tasteset", paperSizes: .init(556, 69, 71),
            source: "github.com/taisti/TASTEset data/TASTEset.csv",
            layout: .init(splits: [("all", ["TASTEset.csv"])], derivedSplit: (0.8, 0.1), format: TASTEsetFormat()),
            notes: "no official split: recipes in file order, first 80% train, next 10% dev, last 10% test (560/70/70)"),
        BenchmarkDataset(
            name: "WikiANN-en", paperName: "WikiANN en", domain: "general", labels: threeTypes, format: "conll",
            paperSizes: .init(20000, 10000, 10000),
            source: "github.com/Babelscape/wikineural data/wikiann/en/{train,val,test}.conllu (redistribution); HF unimelb-nlp/wikiann",
            layout: .init(splits: [("train", ["train.conllu"]), ("dev", ["val.conllu"]), ("test", ["test.conllu"])],
                          format: ColumnFormat(separator: .tab, tokenColumn: 1, tagColumn: 2, labelMap: .conll))),
        BenchmarkDataset(
            name: "WikiNeural", paperName: "WikiNeural", domain: "general", labels: threeTypes, format: "conll",
            paperSizes: .init(92720, 11590, 11597),
            source: "github.com/Babelscape/wikineural data/wikineural/en/{train,val,test}.conllu",
            layout: .init(splits: [("train", ["train.conllu"]), ("dev", ["val.conllu"]), ("test", ["test.conllu"])],
                          format: ColumnFormat(separator: .tab, tokenColumn: 1, tagColumn: 2, labelMap: .conll)),
            notes: "3 types as in Tab. 6: MISC (else) is not asked"),
    ]

    // MARK: - Biomed

    static let biomed: [BenchmarkDataset] = [
        biomedIOB("AnatEM", paper: "AnatEM", ["anatomy"], ["Anatomy": "anatomy"], .init(5861, 2118, 3830), folder: "AnatEM-IOB"),
        BenchmarkDataset(name: "BioRED", paperName: "BioRED", domain: "biomed",
                         labels: ["gene or gene product", "disease or phenotype", "chemical entity", "organism taxon",
                                  "sequence variant", "cell line"],
                         format: "source format (not staged)", paperSizes: .init(4373, 1131, 1106),
                         source: "ftp.ncbi.nlm.nih.gov/pub/lu/BioRED"),
        BenchmarkDataset(name: "GENIA", paperName: "GENIA", domain: "biomed",
                         labels: ["protein", "DNA", "RNA", "cell line", "cell type"],
                         format: "source format (not staged)", paperSizes: .init(15023, 1669, 1854),
                         source: "GENIA term corpus (nested NER split of Finkel & Manning 2009)"),
        biomedIOB("JNLPBA", paper: "JNLPBA", ["protein", "cell type", "DNA", "cell line", "RNA"],
                  ["protein": "protein", "cell_type": "cell type", "DNA": "DNA", "cell_line": "cell line", "RNA": "RNA"],
                  .init(18608, 1940, 4261), folder: "JNLPBA", train: false),
        biomedIOB("bc2gm", paper: "bc2gm", ["gene"], ["GENE": "gene"], .init(12500, 2500, 5000), folder: "BC2GM-IOB"),
        BenchmarkDataset(name: "bc4chemd", paperName: "bc4chemd", domain: "biomed", labels: ["chemical"],
                         format: "conll", paperSizes: .init(30682, 30639, 26364),
                         source: "github.com/cambridgeltl/MTL-Bioinformatics-2016 data/BC4CHEMD (not staged: files >4 MiB)"),
        biomedIOB("bc5cdr", paper: "bc5cdr", ["chemical", "disease"], ["Chemical": "chemical", "Disease": "disease"],
                  .init(4560, 4581, 4797), folder: "BC5CDR-IOB"),
        biomedIOB("ncbi", paper: "ncbi", ["disease"], ["Disease": "disease"], .init(5432, 923, 940), folder: "NCBI-disease-IOB"),
    ]

    // MARK: - Clinics (licensed; none staged)

    static let clinics: [BenchmarkDataset] = [
        BenchmarkDataset(name: "ebmnlp", paperName: "ebmnlp", domain: "clinics",
                         labels: ["participants", "interventions", "outcomes"], format: "source format (not staged)",
                         paperSizes: .init(40713, 10608, 2076), source: "github.com/bepnye/EBM-NLP"),
        BenchmarkDataset(name: "i2b2-2006-deid-1B", paperName: "i2b2 2006 deid 1B", domain: "clinics",
                         labels: ["patient", "doctor", "hospital", "id", "date", "location", "phone", "age"],
                         format: "source format (not staged)", paperSizes: .init(34958, 14983, 18095),
                         source: "n2c2 (DBMI Data Portal, data use agreement)"),
        BenchmarkDataset(name: "i2b2-2010-concepts", paperName: "i2b2 2010 concepts", domain: "clinics",
                         labels: ["problem", "test", "treatment"], format: "source format (not staged)",
                         paperSizes: .init(14553, 1762, 27625), source: "n2c2 (DBMI Data Portal, data use agreement)"),
        BenchmarkDataset(name: "i2b2-2012-temporal", paperName: "i2b2 2012 temporal", domain: "clinics",
                         labels: ["problem", "test", "treatment", "clinical department", "evidential", "occurrence"],
                         format: "source format (not staged)", paperSizes: .init(6235, 787, 5282),
                         source: "n2c2 (DBMI Data Portal, data use agreement)"),
        BenchmarkDataset(name: "i2b2-2014-deid", paperName: "i2b2 2014 deid", domain: "clinics", labels: nil,
                         format: "source format (not staged)", paperSizes: .init(46272, 4610, 32587),
                         source: "n2c2 (DBMI Data Portal, data use agreement)",
                         notes: "23 PHI subtypes; names not established here"),
        BenchmarkDataset(name: "n2c2-2018-task2", paperName: "n2c2 2018 task2", domain: "clinics",
                         labels: ["drug", "strength", "form", "dosage", "frequency", "route", "duration", "reason",
                                  "adverse drug event"],
                         format: "source format (not staged)", paperSizes: .init(84351, 9252, 60228),
                         source: "n2c2 (DBMI Data Portal, data use agreement)"),
        BenchmarkDataset(name: "ShARe-CLEF", paperName: "ShAEeCLEF", domain: "clinics", labels: ["disorder"],
                         format: "source format (not staged)", paperSizes: .init(12494, 2459, 14143),
                         source: "ShARe/CLEF eHealth 2013 via PhysioNet (credentialed)"),
    ]

    // MARK: - STEM

    static let stem: [BenchmarkDataset] = [
        BenchmarkDataset(name: "DEAL", paperName: "DEAL", domain: "STEM", labels: nil, format: "source format (not staged)",
                         paperSizes: .init(26906, 20800, 36665), source: "github.com/adsabs/WIESP2022-NER (DEAL shared task)",
                         notes: "30 astrophysics types; names not established here"),
        BenchmarkDataset(name: "FabNER", paperName: "FabNER", domain: "STEM",
                         labels: ["material", "manufacturing process", "machine or equipment", "application",
                                  "engineering feature", "mechanical property", "process characterization",
                                  "process parameter", "enabling technology", "concept or principle",
                                  "manufacturing standard", "biomedical"],
                         format: "conll", paperSizes: .init(9435, 2182, 2064), source: "HF DFKI-SLT/fabner"),
        BenchmarkDataset(
            name: "SOFC", paperName: "SOFC", domain: "STEM", labels: ["material", "value", "device"], format: "sofc",
            paperSizes: .init(568, 135, 173),
            source: "github.com/boschresearch/sofc-exp_textmining_resources sofc-exp-corpus/",
            layout: .init(splits: [("train", ["."]), ("dev", ["."]), ("test", ["."])],
                          format: { split in SOFCFormat(set: split) }),
            notes: "the 3 entity types of SOFC-Exp; EXPERIMENT marks frame-evoking words and is not asked; splits from the metadata 'set' column, a split exists when its articles' annotations are present"),
        BenchmarkDataset(
            name: "SciERC", paperName: "SciERC", domain: "STEM", labels: ["task", "method", "metric", "material"],
            format: "scierc", paperSizes: .init(350, 50, 100),
            source: "nlp.cs.washington.edu/sciIE (sciERC_processed.tar.gz); copy: github.com/dertilo/scisci_nlp",
            layout: .init(splits: [("train", ["train.json"]), ("dev", ["dev.json"]), ("test", ["test.json"])],
                          format: SciERCFormat()),
            notes: "4 types as in Tab. 6 (Generic and OtherScientificTerm not asked); Tab. 6 counts documents (350/50/100), this reads sentences (1861/275/551)"),
        BenchmarkDataset(name: "SciREX", paperName: "SciREX", domain: "STEM", labels: ["dataset", "method", "metric", "task"],
                         format: "source format (not staged)", paperSizes: .init(71511, 15182, 16599),
                         source: "github.com/allenai/SciREX"),
        BenchmarkDataset(name: "SoMeSci", paperName: "SoMeSci", domain: "STEM", labels: nil, format: "source format (not staged)",
                         paperSizes: .init(31055, 159, 16427), source: "zenodo.org/record/4701764 (SoMeSci)",
                         notes: "14 software-mention types; names not established here"),
        BenchmarkDataset(
            name: "WLP", paperName: "WLP", domain: "STEM",
            labels: ["reagent", "amount", "location", "concentration", "temperature", "time", "generic measure",
                     "numerical", "device", "speed", "measure type", "pH", "size", "method", "modifier", "seal"],
            format: "conll", paperSizes: .init(8177, 2717, 2726),
            source: "github.com/jeniyat/WNUT_2020_NER data/{train,dev,test}_data/Conll_Format",
            layout: .init(splits: [("train", ["train_data/Conll_Format"]), ("dev", ["dev_data/Conll_Format"]),
                                   ("test", ["test_data/Conll_Format"])],
                          format: ColumnFormat(separator: .tab, labelMap: LabelMap(["pH": "pH"], fallback: .naturalize))),
            notes: "16 of the 18 WLP tags as in Tab. 6: Action (event triggers) and Mention are not asked (a best reading of the count)"),
    ]

    // MARK: - Programming, social media, law, finance, transportation

    static let others: [BenchmarkDataset] = [
        BenchmarkDataset(
            name: "StackOverflow-NER", paperName: "Stackoverflow-NER", domain: "programming",
            labels: ["application", "algorithm", "class name", "data structure", "data type", "device", "error name",
                     "file name", "file type", "function name", "html xml tag", "keyboard input", "language", "library",
                     "library class", "library function", "library variable", "operating system", "organization",
                     "user interface element", "user name", "value", "variable name", "version", "website"],
            format: "conll", paperSizes: .init(9263, 2936, 3108),
            source: "github.com/jeniyat/StackOverflowNER resources/annotated_ner_data/StackOverflow/{train,dev,test}.txt",
            layout: .init(splits: [("train", ["train.txt"]), ("dev", ["dev.txt"]), ("test", ["test.txt"])],
                          format: ColumnFormat(separator: .tab, tokenColumn: 0, tagColumn: 1,
                                               labelMap: LabelMap(["Keyboard_IP": "keyboard input", "HTML_XML_Tag": "html xml tag"],
                                                                  fallback: .naturalize))),
            notes: "25 types as in Tab. 6: the test file's 27 minus Code_Block and Output_Block (whole code/output blocks); Tab. 6's sizes (3108 test) count the posts' sentences without the Question_ID/URL header blocks that the raw file has"),
        BenchmarkDataset(
            name: "HarveyNER", paperName: "HarveyNER", domain: "social media", labels: ["point", "area", "road", "river"],
            format: "conll", paperSizes: .init(3967, 1301, 1303),
            source: "github.com/brickee/HarveyNER data/tweets/tweets.{train,dev,test}.bio",
            layout: .init(splits: [("train", ["tweets.train.bio"]), ("dev", ["tweets.dev.bio"]), ("test", ["tweets.test.bio"])],
                          format: ColumnFormat(labelMap: LabelMap(fallback: .naturalize)))),
        BenchmarkDataset(
            name: "broad_twitter_corpus", paperName: "Broad Tweet Corpus", domain: "social media", labels: threeTypes,
            format: "conll", paperSizes: .init(5334, 2001, 2000),
            source: "github.com/mayhewsw/broad_twitter_corpus (sections a,b,e,f,g,h .conll)",
            layout: .init(splits: [("train", ["a.conll", "b.conll", "e.conll", "g.conll"]), ("dev", ["h.conll"]),
                                   ("test", ["f.conll"])],
                          format: ColumnFormat(separator: .tab, labelMap: .conll)),
            notes: "conventional split (HF loader): train = sections A, B, E, G; dev = H; test = F"),
        BenchmarkDataset(name: "TweetNER7", paperName: "TweetNER7", domain: "social media",
                         labels: ["person", "location", "corporation", "creative work", "group", "product", "event"],
                         format: "source format (not staged)", paperSizes: .init(7111, 886, 576), source: "HF tner/tweetner7"),
        BenchmarkDataset(
            name: "mit-movie", paperName: "mit-movie", domain: "social media",
            labels: ["genre", "year", "plot", "average ratings", "actor", "title", "song", "character", "rating", "review",
                     "director", "trailer"],
            format: "gliner-json", paperSizes: .init(9774, 2442, 2442),
            source: "groups.csail.mit.edu/sls/downloads/movie (engtrain/engtest.bio); GLiNER conversion staged",
            layout: .init(splits: [("train", ["train.json"]), ("test", ["test.json"])], format: GLiNERJSONFormat()),
            notes: "label order of GLiNER's labels.json (the official UniNER mit-movie.json is not staged); dev = test in the source (not staged)"),
        BenchmarkDataset(
            name: "mit-restaurant", paperName: "mit-restaurant", domain: "social media",
            labels: ["Amenity", "Location", "Cuisine", "Restaurant Name", "Rating", "Hours", "Price", "Dish"],
            format: "gliner-json", paperSizes: .init(7659, 1520, 1520),
            source: "groups.csail.mit.edu/sls/downloads/restaurant; official UniNER queries: universal-ner src/eval/test_data/mit-restaurant.json",
            layout: .init(splits: [("train", ["train.json"]), ("test", ["test.json"])], format: GLiNERJSONFormat()),
            notes: "labels as the official query file names and orders them (capitalized); dev = test in the source (not staged)"),
        BenchmarkDataset(
            name: "E-NER", paperName: "E-NER", domain: "law",
            labels: ["business", "court", "government", "legislation", "location", "person"],
            format: "csv-tokens", paperSizes: .init(8072, 1009, 1010),
            source: "github.com/terenceau2/E-NER-Dataset all.csv",
            layout: .init(splits: [("all", ["all.csv"])], derivedSplit: (0.8, 0.1),
                          format: CSVTokenFormat(labelMap: LabelMap(["LEGISLATION/ACT": "legislation", "LOC": "location"],
                                                                    fallback: .naturalize),
                                                 decoder: TagDecoder(unknownTags: .outside))),
            notes: "IOB1 tags; the 4 stray 'P' tags read as O, the one 'I-LOC' as location; 6 types as in Tab. 6 (MISCELLANEOUS not asked); no official split: sentences in file order, first 80% train, next 10% dev, last 10% test"),
        BenchmarkDataset(name: "MAPA-coarse", paperName: "MAPA-coarse", domain: "law",
                         labels: ["address", "amount", "date", "organisation", "person"], format: "source format (not staged)",
                         paperSizes: .init(893, 98, 408), source: "HF joelniklaus/mapa (English)"),
        BenchmarkDataset(name: "MAPA-fine", paperName: "MAPA-fine", domain: "law", labels: nil, format: "source format (not staged)",
                         paperSizes: .init(893, 98, 408), source: "HF joelniklaus/mapa (English)",
                         notes: "17 fine types; names not established here"),
        BenchmarkDataset(
            name: "FiNER-ORD", paperName: "FiNER-ord", domain: "finance", labels: threeTypes, format: "finer-ord",
            paperSizes: .init(3262, 403, 1075), source: "github.com/gtfintechlab/FiNER-ORD data/{train/train,train/val,test/test}.csv",
            layout: .init(splits: [("train", ["train.csv"]), ("dev", ["val.csv"]), ("test", ["test.csv"])],
                          format: FiNERORDFormat())),
        BenchmarkDataset(name: "FindVehicle", paperName: "FindVehicle", domain: "transportation", labels: nil,
                         format: "source format (not staged)", paperSizes: .init(21565, 20777, 20777),
                         source: "github.com/GuanRunwei/FindVehicle (data via Google Drive/Baidu)",
                         notes: "21 vehicle-attribute types; names not established here"),
    ]

    // MARK: - Not rows of Tab. 6

    static let extras: [BenchmarkDataset] = [
        BenchmarkDataset(
            name: "conll2003", paperName: "CoNLL03", domain: "general", labels: threeTypes, format: "conll",
            paperSizes: nil, source: "github.com/zliucr/CrossNER ner_data/conll2003 (CoNLL-2003 with CrossNER's tag names)",
            inPaperTable: false,
            layout: .init(splits: [("train", ["train.txt"]), ("dev", ["dev.txt"]), ("test", ["test.txt"])],
                          format: ColumnFormat(separator: .tab, labelMap: .crossNER)),
            notes: "used for supervised mixing (Tab. 2); misc (else) is not asked, as for conllpp"),
        BenchmarkDataset(
            name: "wnut17", paperName: "WNUT-17", domain: "social media",
            labels: ["location", "group", "person", "creative work", "corporation", "product"], format: "conll",
            paperSizes: nil, source: "github.com/leondz/emerging_entities_17", inPaperTable: false,
            layout: .init(splits: [("train", ["wnut17train.conll"]), ("dev", ["emerging.dev.conll"]),
                                   ("test", ["emerging.test.annotated"])],
                          format: ColumnFormat(separator: .tab, labelMap: LabelMap(fallback: .naturalize)))),
    ]
}
