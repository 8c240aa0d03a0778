import ArgumentParser
import Foundation
import GlossaCheck
import GlossaCore
import GlossaLookup

/// The `--config` option: the project's settings file, `.glossa.yml` by default.
struct SettingsFile: ParsableArguments {
    @Option(help: ArgumentHelp("Settings file. Default: .glossa.yml in the current folder, if any.", valueName: "file"))
    var config: String?

    /// The settings file in force, or empty settings.
    func load() throws -> CheckConfiguration {
        if let config { return try CheckConfiguration.load(path: config) }
        for name in CheckConfiguration.defaultNames where FileManager.default.fileExists(atPath: name) {
            return try CheckConfiguration.load(path: name)
        }
        return CheckConfiguration()
    }
}

/// The penalties and filters of the commands that look segments up (see `MatchPolicy`): the
/// settings file's `lookup` section, with the command line's added.
struct MatchPolicyOptions: ParsableArguments {
    @Option(name: .customLong("penalty"), help: ArgumentHelp(
        "Points off a match whose unit meets a condition, e.g. origin=legacy-2019.tmx:5 or author=mt:10; repeatable.",
        valueName: "condition:points"))
    var penalties: [String] = []

    @Option(name: .customLong("where"), help: ArgumentHelp(
        "Only units meeting a condition: FIELD=VALUE or FIELD!=VALUE (origin, context, id, author, created-by, changed-by, "
            + "lang, or a property's name; * for any text), created/changed with <, <=, >, >= and a date; repeatable.",
        valueName: "condition"))
    var filters: [String] = []

    @Option(help: ArgumentHelp("Points off each match of a source the TM holds several different translations of (0…100).", valueName: "points"))
    var multipleTranslationsPenalty: Int?

    func validate() throws {
        if let points = multipleTranslationsPenalty, !(0...100).contains(points) {
            throw ValidationError("--multiple-translations-penalty must be between 0 and 100")
        }
    }

    /// The policy `settings` and these options give.
    func policy(_ settings: CheckConfiguration) throws -> MatchPolicy {
        MatchPolicy(
            multipleTranslationsPenalty: multipleTranslationsPenalty ?? settings.lookup.multipleTranslationsPenalty ?? MatchPolicy.standard.multipleTranslationsPenalty,
            penalties: settings.lookup.penalties + (try penalties.map(MetadataPenalty.init(parsing:))),
            filters: settings.lookup.filters + (try filters.map(UnitCondition.init(parsing:))))
    }
}
