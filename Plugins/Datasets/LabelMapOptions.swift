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
                       "types the map does not list: keep, naturalize (lowercase, _ and - to spaces), or error (conll, prodigy, label-studio)"),
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
