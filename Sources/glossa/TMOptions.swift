import ArgumentParser
import Foundation
import GlossaCore
import GlossaMemory
import GlossaText
import GlossaWorkflows

/// The `--tm` option every TM command shares, and how the TM path is chosen.
struct TMOptions: ParsableArguments {
    @Option(name: .customLong("tm"), help: ArgumentHelp(
        "The translation memory: a file, or a PostgreSQL database.",
        discussion: "Default: $GLOSSA_TM, else tm/glossa.sqlite. A file's folder must exist: only the file is created. "
            + "A database is a URL, postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…] (or postgres://); "
            + "the password may also come from PGPASSWORD or ~/.pgpass.",
        valueName: "path|url"))
    var path: String?

    /// The bundled default, relative to the current folder.
    static let defaultPath = "tm/glossa.sqlite"
    /// Where the bundled sample lives, relative to the current folder.
    static let seedFolder = "tm/seed"

    /// The TM path in force, and whether it is the bundled default.
    var resolved: (path: String, isDefault: Bool) {
        if let path { return (path, false) }
        if let path = ProcessInfo.processInfo.environment["GLOSSA_TM"], !path.isEmpty { return (path, false) }
        return (Self.defaultPath, true)
    }

    /// The TM in force, a file path or a PostgreSQL URL, after building the default TM if it
    /// is the one and is missing.
    func locationBuildingDefault() throws -> String {
        TMStores.isDatabase(resolved.path) ? resolved.path : try pathBuildingDefault()
    }

    /// Opens the TM in either store; the default one is built from the bundled sample on first use.
    func openStore(_ access: TranslationMemory.Access) throws -> any UnitStore {
        try TMStores.open(try locationBuildingDefault(), access: access)
    }

    /// `openForSearch()` for a command reading the TM in `languages`, with a warning for each
    /// it holds no text in.
    func openForSearch(warningAbout languages: [LanguageTag]) throws -> any UnitStore {
        let memory = try openForSearch()
        try warnAboutAbsent(languages, in: memory)
        return memory
    }

    /// Warns, on standard error, of each of `languages` the TM holds no text in, naming those
    /// it has: a mistyped or missing language otherwise looks like a TM without matches.
    func warnAboutAbsent(_ languages: [LanguageTag], in memory: any UnitStore) throws {
        let absent = try languages.filter { try !memory.holdsText(in: $0) }
        guard !absent.isEmpty else { return }
        let held = try memory.statistics().languages.keys.sorted()
        for language in absent {
            Diagnostics.note("warning: \(memory.name) holds no \(language) text (it has \(held.isEmpty ? "none" : held.joined(separator: ", ")))")
        }
    }

    /// Opens the TM for fuzzy and concordance lookups: variants an import left unindexed
    /// (`--defer-index`) are indexed first when the file can be written.
    private func openForSearch() throws -> any UnitStore {
        let progress = Progress(label: "indexing", noun: "variants", every: 1)
        defer { progress.finish() }
        return try SearchableMemory.open(try locationBuildingDefault(), willIndex: { unindexed in
            Diagnostics.note("indexing \(unindexed) variants imported with --defer-index")
        }, progress: progress.update)
    }

    /// The TM file in force, after building the default TM if it is the one and is missing.
    private func pathBuildingDefault() throws -> String {
        let (path, isDefault) = resolved
        if isDefault && !FileManager.default.fileExists(atPath: path) {
            try Self.buildDefault(at: path)
        }
        return path
    }

    /// Creates the default TM from tm/seed/*.tsv (the sample page and its translation).
    private static func buildDefault(at path: String) throws {
        let seeds = ((try? FileManager.default.contentsOfDirectory(atPath: seedFolder)) ?? [])
            .filter { $0.hasSuffix(".tsv") }.sorted()
        guard !seeds.isEmpty else { return }
        Diagnostics.note("building \(path) from the bundled sample in \(seedFolder)/ (first use)")
        _ = try ImportWorkflow(files: seeds.map { "\(seedFolder)/\($0)" }).run(into: path, create: createTM(at:deferSearchIndex:_:))
    }
}

/// The languages of a comma-separated option such as `--langs en,ru`, canonicalized.
func languageList(_ option: String) throws -> [LanguageTag] {
    try option.split(separator: ",").map { try LanguageTag(String($0)) }
}
