import Foundation
import UniNERCore

/// Decodes a string option into one of an enum's raw values, naming the valid ones when it is not.
func decodeChoice<E: RawRepresentable & CaseIterable, K: CodingKey>(
    _ type: E.Type, _ container: KeyedDecodingContainer<K>, _ key: K, default defaultValue: E
) throws -> E where E.RawValue == String {
    guard let raw = try container.decodeIfPresent(String.self, forKey: key) else { return defaultValue }
    guard let value = E(rawValue: raw) else {
        let choices = E.allCases.map(\.rawValue)
        throw InvalidOption(key.stringValue, "'\(raw)' is not one of \(choices.joined(separator: ", "))",
                            help: NearestNames.help(for: raw, among: choices))
    }
    return value
}

/// The label-map options every format shares: a named preset, extra `SOURCE: natural name` entries, and what to
/// do with types neither lists.
struct LabelOptions: Sendable {
    /// Named label maps a recipe can start from.
    enum Preset: String, CaseIterable, Sendable {
        case identity, conll, crossner, gliner, scierc

        var map: LabelMap {
            switch self {
            case .identity: .identity
            case .conll: .conll
            case .crossner: .crossNER
            case .gliner: .gliner
            case .scierc: SciERCFormat.defaultLabels
            }
        }
    }

    var map: LabelMap

    enum Keys: String, CodingKey { case label_preset, labels, label_fallback }

    static func specs(preset: Preset, fallback: LabelMap.Fallback = .keep) -> [OptionSpec] {
        [
            OptionSpec("label_preset", "string", default: preset.rawValue,
                       "starting label map: \(Preset.allCases.map(\.rawValue).joined(separator: ", ")) (e.g. conll maps PER to person)"),
            OptionSpec("labels", "map of string to string", default: "{}",
                       "extra entries 'SOURCE_TYPE: natural name', applied over the preset"),
            OptionSpec("label_fallback", "string", default: fallback.rawValue,
                       "types the map does not list: keep, or naturalize (lowercase, _ and - to spaces)"),
        ]
    }

    init(from decoder: any Decoder, preset defaultPreset: Preset, fallback: LabelMap.Fallback = .keep) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let preset = try decodeChoice(Preset.self, container, .label_preset, default: defaultPreset)
        let extra = try container.decode(.labels, default: [String: String]())
        var map = preset.map.adding(extra)
        map.fallback = try decodeChoice(LabelMap.Fallback.self, container, .label_fallback, default: fallback)
        self.map = map
    }
}

/// Options of the `conll` format.
public struct ColumnFormatOptions: PluginOptions {
    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("separator", "string", default: "whitespace", "column separator: tab, or whitespace (runs of spaces/tabs)"),
        OptionSpec("token_column", "int", default: "0", "column of the token, from 0 (negative counts from the end)"),
        OptionSpec("tag_column", "int", default: "-1", "column of the BIO/IOB1 tag, from 0 (-1 is the last)"),
        OptionSpec("unknown_tags", "string", default: "error", "a tag other than O/B-X/I-X: error, or outside (read as O)"),
        OptionSpec("drop_final_entity", "bool", default: "false",
                   "reproduce the official UniNER files, which lose an entity ending at a sentence's last token"),
    ] + LabelOptions.specs(preset: .identity)

    public var format: ColumnFormat

    enum Keys: String, CodingKey { case separator, token_column, tag_column, unknown_tags, drop_final_entity }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let labels = try LabelOptions(from: decoder, preset: .identity)
        format = ColumnFormat(
            separator: try decodeChoice(ColumnFormat.Separator.self, container, .separator, default: .whitespace),
            tokenColumn: try container.decode(.token_column, default: 0),
            tagColumn: try container.decode(.tag_column, default: -1),
            labelMap: labels.map,
            decoder: TagDecoder(unknownTags: try decodeChoice(UnknownTagPolicy.self, container, .unknown_tags, default: .error),
                                dropFinalEntity: try container.decode(.drop_final_entity, default: false)))
    }
}

/// Options of the `csv-tokens` format.
public struct CSVTokenFormatOptions: PluginOptions {
    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("token_column", "int", default: "0", "column of the token, from 0"),
        OptionSpec("tag_column", "int", default: "1", "column of the BIO/IOB1 tag, from 0"),
        OptionSpec("header", "bool", default: "false", "whether the first record is a header"),
        OptionSpec("unknown_tags", "string", default: "error", "a tag other than O/B-X/I-X: error, or outside (read as O)"),
    ] + LabelOptions.specs(preset: .identity)

    public var format: CSVTokenFormat

    enum Keys: String, CodingKey { case token_column, tag_column, header, unknown_tags }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let labels = try LabelOptions(from: decoder, preset: .identity)
        let tokenColumn: Int = try container.decode(.token_column, default: 0)
        let tagColumn: Int = try container.decode(.tag_column, default: 1)
        guard tokenColumn >= 0 else { throw InvalidOption("token_column", "must be 0 or more") }
        guard tagColumn >= 0, tagColumn != tokenColumn else { throw InvalidOption("tag_column", "must be 0 or more and differ from token_column") }
        format = CSVTokenFormat(
            tokenColumn: tokenColumn, tagColumn: tagColumn, hasHeader: try container.decode(.header, default: false),
            labelMap: labels.map,
            decoder: TagDecoder(unknownTags: try decodeChoice(UnknownTagPolicy.self, container, .unknown_tags, default: .error)))
    }
}

/// Options of the formats whose only option is the label map; `Defaults` gives the format's default map.
public struct LabelMapOptions<Defaults: LabelMapDefaults>: PluginOptions {
    public static var optionSpecs: [OptionSpec] {
        LabelOptions.specs(preset: Defaults.preset, fallback: Defaults.fallback)
    }

    public var labelMap: LabelMap

    public init(from decoder: any Decoder) throws {
        labelMap = try LabelOptions(from: decoder, preset: Defaults.preset, fallback: Defaults.fallback).map
    }
}

/// The default label map of a format whose options are `LabelMapOptions`.
public protocol LabelMapDefaults: Sendable {
    /// The preset's name: identity, conll, crossner, gliner or scierc.
    static var presetName: String { get }
    static var fallback: LabelMap.Fallback { get }
}

extension LabelMapDefaults {
    static var preset: LabelOptions.Preset { LabelOptions.Preset(rawValue: presetName) ?? .identity }
}

/// Default label maps of the built-in formats.
public enum FormatDefaults {
    public enum Identity: LabelMapDefaults {
        public static let presetName = "identity"
        public static let fallback = LabelMap.Fallback.keep
    }
    public enum Naturalize: LabelMapDefaults {
        public static let presetName = "identity"
        public static let fallback = LabelMap.Fallback.naturalize
    }
    public enum CoNLL: LabelMapDefaults {
        public static let presetName = "conll"
        public static let fallback = LabelMap.Fallback.keep
    }
    public enum GLiNER: LabelMapDefaults {
        public static let presetName = "gliner"
        public static let fallback = LabelMap.Fallback.keep
    }
    public enum SciERC: LabelMapDefaults {
        public static let presetName = "scierc"
        public static let fallback = LabelMap.Fallback.keep
    }
}

/// Options of the `sofc` format.
public struct SOFCFormatOptions: PluginOptions {
    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("set", "string", default: "null", "read only the articles of this set (train, dev, test); null reads all"),
    ] + LabelOptions.specs(preset: .identity, fallback: .naturalize)

    public var format: SOFCFormat

    enum Keys: String, CodingKey { case set }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let labels = try LabelOptions(from: decoder, preset: .identity, fallback: .naturalize)
        format = SOFCFormat(set: try container.decodeIfPresent(String.self, forKey: .set), labelMap: labels.map)
    }
}

/// Options of the `benchmark` dataset provider.
public struct BenchmarkDatasetsOptions: PluginOptions {
    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("root", "string", default: "null", "the benchmark folder; null uses UNINER_DATA, else ../shared/benchmark"),
    ]

    public var root: String?

    enum Keys: String, CodingKey { case root }

    public init(from decoder: any Decoder) throws {
        root = try decoder.container(keyedBy: Keys.self).decodeIfPresent(String.self, forKey: .root)
    }
}
