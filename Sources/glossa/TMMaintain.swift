import ArgumentParser
import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaText
import GlossaWorkflows

/// The options that choose the units `tm list`, `tm delete` and `tm replace` work on.
struct UnitSelectionOptions: ParsableArguments {
    @Option(name: .customLong("where"), help: ArgumentHelp(
        "Only units meeting a condition (as glossa lookup --where: origin=*.po, author=mt, created<2024, lang=kk, x-domain=news); repeatable.",
        valueName: "condition"))
    var conditions: [String] = []

    @Option(name: .customLong("unit"), help: ArgumentHelp("Only the unit of this id; repeatable.", valueName: "id"))
    var units: [Int64] = []

    @Option(name: .customLong("from-file"), help: ArgumentHelp(
        "Only the units an imported file brought (their origin is its name).", valueName: "file"))
    var fromFile: String?

    @Option(help: ArgumentHelp("Only units whose text holds this (case ignored).", valueName: "text"))
    var text: String?

    @Option(help: ArgumentHelp("The language whose text --text searches (tm replace: the language to change).", valueName: "lang"))
    var lang: String?

    @Flag(help: "Read --text (tm replace: FIND) as an ICU regular expression.")
    var regex = false

    /// The selection these options give.
    func selection() throws -> UnitSelection {
        var conditions = try conditions.map(UnitCondition.init(parsing:))
        if let fromFile { conditions.append(UnitCondition(.origin, .equal, (fromFile as NSString).lastPathComponent)) }
        return UnitSelection(conditions: conditions, ids: Set(units), text: try text.map { try UnitSelection.pattern($0, isRegex: regex) },
                             language: try lang.map { try LanguageTag($0) })
    }
}

extension Glossa.TM {
    /// `glossa tm list`: the units a selection takes, as JSON lines.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List units by language, origin, property, date, author or text, as JSON lines.",
            discussion: """
            Each unit selected is one line of JSON, in the shape the server's
            /api/units/{id} answers: {"id", "variants": {lang: text},
            "alternatives", "origin", "context", "tuid", "properties",
            "created", "created_by", "changed", "changed_by"}, in id order.
            How many were listed goes to standard error.

            Examples:
              glossa tm list --where origin=legacy-2019.tmx
              glossa tm list --text "Secretary General" --lang en --where "created>=2025-06"
              glossa tm list --where author=mt --where lang=kk | wc -l
            """)

        @OptionGroup var tm: TMOptions
        @OptionGroup var selection: UnitSelectionOptions

        func run() throws {
            let store = try tm.openStore(.readOnly)
            var count = 0
            try TMMaintenance.list(store, try selection.selection()) { id, unit in
                try printJSONLine(UnitDocument(id: id, unit: unit))
                count += 1
            }
            Diagnostics.note("\(count) units")
        }
    }

    /// `glossa tm delete`: deletes the units a selection takes, all or none.
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete units by condition, id or the file that brought them, in one transaction.",
            discussion: """
            Deletes every unit the options select (at least one must be
            given), with its variants, notes and properties and its entries in
            the search indexes, in one transaction: a failure deletes nothing.
            --dry-run writes the units that would go, as tm list does, and
            deletes nothing. A deleted unit's id is never given again.

            Examples:
              glossa tm delete --from-file legacy-2019.tmx --dry-run
              glossa tm delete --unit 1207 --unit 1208
              glossa tm delete --where author=mt --where "created<2024"
            """)

        @OptionGroup var tm: TMOptions
        @OptionGroup var selection: UnitSelectionOptions

        @Flag(help: "Show what would be deleted; change nothing.")
        var dryRun = false

        @Option(help: "Output: text or json ({\"deleted\": N, …}).")
        var format: OutputFormat = .text

        func validate() throws {
            guard !selection.conditions.isEmpty || !selection.units.isEmpty || selection.fromFile != nil || selection.text != nil else {
                throw ValidationError("say which units: --where, --unit, --from-file or --text (tm delete never deletes everything by default)")
            }
        }

        func run() throws {
            let store = try tm.openStore(dryRun ? .readOnly : .readWrite)
            let (ids, summary) = try TMMaintenance.delete(store, try selection.selection(), dryRun: dryRun) { id, unit in
                if dryRun { try printJSONLine(UnitDocument(id: id, unit: unit)) }
            }
            if dryRun {
                Diagnostics.note("\(ids.count) units would be deleted (dry run: nothing changed)")
                return
            }
            switch format {
            case .json: try printJSON(summary)
            case .text: print("\(store.name): \(summary.deleted) units deleted")
            }
        }
    }

    /// `glossa tm replace`: find and replace in one language's segments.
    struct Replace: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find and replace in one language's segments, around inline codes, in one transaction.",
            discussion: """
            Replaces FIND with REPLACE in the --lang segments of the units the
            options select (all units by default). Inline codes and software
            placeholders are never touched; a segment's TMX markup changes with
            its text. FIND is literal text, or with --regex an ICU regular
            expression; REPLACE is literal text. Case is ignored and the
            replacement takes the case of what it replaces (organization →
            Organisation writes organisation, Organisation, ORGANISATION);
            --match-case finds only the exact spelling and writes REPLACE as
            given. Each unit changed keeps its id and records the change (now,
            by --author). A unit the change would make a copy of another stays
            as it was, and is named. All or nothing, in one transaction, with
            the search indexes. --dry-run writes each change as a JSON line
            ({"unit", "lang", "before", "after"}) and changes nothing.

            Examples:
              glossa tm replace "Organisation" "Organization" --lang en --dry-run
              glossa tm replace "Генсек" "Генеральный секретарь" --lang ru --match-case
              glossa tm replace "ҰҚШҰ" "ҰҚШҰ-ның" --lang kk --where origin=csto-2024.tmx
            """)

        @OptionGroup var tm: TMOptions

        @Argument(help: "What to find.")
        var find: String

        @Argument(help: "What to write instead (literal text).")
        var replacement: String

        @OptionGroup var selection: UnitSelectionOptions

        @Flag(help: "Find only the exact spelling, and write REPLACE as given.")
        var matchCase = false

        @Option(help: ArgumentHelp("Who made the change, recorded on each unit changed.", valueName: "name"))
        var author: String?

        @Flag(help: "Show what would change; change nothing.")
        var dryRun = false

        @Option(help: "Output: text or json ({\"replaced\": N, …}).")
        var format: OutputFormat = .text

        func validate() throws {
            guard selection.lang != nil else { throw ValidationError("say which language's segments to change: --lang L") }
            guard selection.text == nil else { throw ValidationError("FIND says what is searched: --text is for tm list and tm delete") }
        }

        func run() throws {
            let language = try LanguageTag(selection.lang ?? "")
            let store = try tm.openStore(dryRun ? .readOnly : .readWrite)
            let replacer = try SegmentReplacement(find: find, replacement: replacement, isRegex: selection.regex, matchCase: matchCase)
            var chosen = try selection.selection()
            chosen.text = try UnitSelection.pattern(find, isRegex: selection.regex)
            let (texts, summary) = try TMMaintenance.replace(store, chosen, replacer, language: language, author: author, dryRun: dryRun)
            if dryRun {
                for text in texts { try printJSONLine(text) }
                Diagnostics.note("\(texts.count) segments in \(Set(texts.map(\.unit)).count) units would change (dry run: nothing changed)")
                return
            }
            switch format {
            case .json: try printJSON(summary)
            case .text:
                print("\(store.name): \(summary.replaced) units changed (\(texts.count) segments)")
                if !summary.unchangedAsDuplicates.isEmpty {
                    print("left as they were, since the change would copy another unit: units "
                          + summary.unchangedAsDuplicates.map(String.init).joined(separator: ", "))
                }
            }
        }
    }
}

extension TMMaintenance.Keep: ExpressibleByArgument {}

extension Glossa.TM {
    /// `glossa tm dedupe`: one unit per source.
    struct Dedupe: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Keep one unit per source: merge exact duplicates, drop other translations, in one transaction.",
            discussion: """
            Groups the units the options select (all by default) by their
            --lang text (white space and Unicode forms aside). Of a source with
            several units, --keep chooses one: newest (last changed or created,
            the default), oldest (first created) or most-used (TMX usagecount,
            then newest). Units with the same texts in every language (kept
            apart by their properties) are merged into it: their properties
            and notes are added to its own. Units with other translations are
            deleted. --dry-run writes each source's outcome as a JSON line
            ({"source", "kept", "merged", "deleted"}) and changes nothing.

            Examples:
              glossa tm dedupe --lang en --dry-run
              glossa tm dedupe --lang en --keep most-used --where origin=*.tmx
            """)

        @OptionGroup var tm: TMOptions
        @OptionGroup var selection: UnitSelectionOptions

        @Option(help: "Which unit of a source to keep: newest, oldest or most-used.")
        var keep: TMMaintenance.Keep = .newest

        @Flag(help: "Show what would change; change nothing.")
        var dryRun = false

        @Option(help: "Output: text or json ({\"deleted\": N, \"replaced\": N, …}).")
        var format: OutputFormat = .text

        func run() throws {
            let language = try LanguageTag(selection.lang ?? "en")
            let store = try tm.openStore(dryRun ? .readOnly : .readWrite)
            let (sources, summary) = try TMMaintenance.dedupe(store, try selection.selection(), language: language, keep: keep, dryRun: dryRun)
            let merged = sources.reduce(0) { $0 + $1.merged.count }, deleted = sources.reduce(0) { $0 + $1.deleted.count }
            if dryRun {
                for source in sources { try printJSONLine(source) }
                Diagnostics.note("\(sources.count) sources with several units: \(merged) would be merged, \(deleted) deleted (dry run: nothing changed)")
                return
            }
            switch format {
            case .json: try printJSON(summary)
            case .text: print("\(store.name): \(sources.count) sources with several units: \(merged) units merged, \(deleted) deleted")
            }
        }
    }
}
