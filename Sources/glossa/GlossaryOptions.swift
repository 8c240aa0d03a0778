import ArgumentParser
import Foundation
import GlossaCheck
import GlossaTerminology
import GlossaText

/// The `--glossary` and `--config` options of the terminology commands, and how the
/// glossaries in force are found.
struct GlossaryOptions: ParsableArguments {
    @Option(name: .customLong("glossary"), help: ArgumentHelp(
        "A glossary (TBX, TSV, CSV, OmegaT); repeatable. Default: the config's, else glossaries/*.tbx|tsv|csv.", valueName: "file"))
    var paths: [String] = []

    @OptionGroup var settings: SettingsFile

    /// The settings file in force, or empty settings.
    func configuration() throws -> CheckConfiguration {
        try settings.load()
    }

    /// The glossaries in force, merged; warnings about them go to standard error.
    func termbase(_ settings: CheckConfiguration, languages: (LanguageTag, LanguageTag)?) throws -> Termbase {
        var chosen = paths.isEmpty ? settings.glossaries : paths
        if chosen.isEmpty { chosen = GlossaryFile.all(in: "glossaries") }
        guard !chosen.isEmpty else {
            throw ValidationError("no glossary: give --glossary FILE or a glossaries setting in .glossa.yml")
        }
        var termbase = Termbase(name: chosen.joined(separator: ", "))
        for path in chosen { termbase.merge(try Self.load(path, languages: languages)) }
        return termbase
    }

    /// One glossary, its first ten warnings on standard error (and how many more there are).
    static func load(_ path: String, languages: (LanguageTag, LanguageTag)?) throws -> Termbase {
        let loaded = try GlossaryFile.load(path: path, languages: languages)
        loaded.warnings.prefix(10).forEach { Diagnostics.note("warning: \($0)") }
        if loaded.warnings.count > 10 {
            Diagnostics.note("warning: \(path): \(loaded.warnings.count - 10) more problems (glossa terms validate \(path) lists them)")
        }
        return loaded.termbase
    }
}
