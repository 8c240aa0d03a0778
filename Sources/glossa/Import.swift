import ArgumentParser
import Foundation
import GlossaCore
import GlossaText
import GlossaWorkflows

extension ConflictPolicy: ExpressibleByArgument {}

extension Glossa {
    /// `glossa import`: add units to the TM from tables, line-aligned files or documents.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add translation units to the TM.",
            discussion: """
            Inputs, by kind:
              .tmx         TMX 1.1-1.4b, UTF-8 or UTF-16, streamed; every field and
                           inline code is kept. --skip-invalid imports the valid
                           units and reports the others (index, line, reason).
              .xlf, .xliff XLIFF 1.2 and 2.0: each trans-unit, seg-source segment or
                           2.0 segment is a unit; state and notes are kept. Also
                           .sdlxliff (Trados), .mqxliff (memoQ), .mxliff (Phrase).
                           Targets not translated yet (state new, initial, ...;
                           Trados Draft, memoQ and Phrase drafts) only with
                           --include-fuzzy.
              .po, .pot    gettext: msgid in --source-lang (en), msgstr in the
                           header's Language (else --lang), in the header's charset;
                           msgctxt is the context;
                           plural forms stay on one unit as po:msgstr[n] properties;
                           fuzzy entries only with --include-fuzzy.
              .tsv, .csv   a header row names each column's language (en<TAB>ru<TAB>kk);
                           optional columns id, context, note.
              text files   with --langs en,ru and one file per language: line N of each
                           file is one unit (line-aligned corpora).
              documents    with --lang L: .txt, .md, .html segmented into sentences, each
                           a unit in language L.
            Text inputs are UTF-8, or UTF-16 with a byte order mark (Excel's
            "Unicode Text"). A file whose extension says nothing (memory.xml)
            is known by its first bytes: a tmx or xliff root, a gettext header.

            The whole command is one transaction: on any error nothing is
            imported and the TM stays as it was. A unit equal to a stored one
            is skipped and counted as a duplicate, so importing a file twice
            adds nothing: equal texts (after NFC and white-space folding) with
            equal inline codes, language by language, and the same id, context
            and properties (usage counts, workflow states and positions aside).
            A unit of the same texts and codes with another id, context or
            properties is added beside the stored one and counted as kept
            apart. Several TMX tuv in one language are a translation and its
            alternatives, all kept. Inline codes not paired as TMX requires are
            stored as written, with a warning each and a count.

            --on-conflict says what to do with a unit whose source (its text in
            the unit's source language) the TM already holds, as Trados's import
            options do: add (the default) adds it beside the stored units;
            overwrite replaces them with it; keep leaves it out; newest keeps
            whichever was changed (else created) last, the stored ones on equal
            dates. Of several units of one source in the files, keep takes the
            first, overwrite the last, newest the newest. Other than add, the
            files' units are held in memory until they are written, and file
            headers are not recorded.

            Every import also builds the search indexes (fuzzy and concordance)
            of what it adds. --defer-index leaves them out, for bulk loads;
            'glossa tm index' builds them, and so does the next lookup or
            import without the flag.

            Examples:
              glossa import tm/seed/csto-news-2025-06.en-ru.tsv --tm work/csto.sqlite
              glossa import memory.tmx --skip-invalid
              glossa import huge-1.tmx huge-2.tmx --defer-index && glossa tm index
              glossa import review.xlf messages.ru.po
              glossa import vendor-2025.tmx --on-conflict newest
              glossa import news.en.txt news.ru.txt --langs en,ru
              glossa import speech.md --lang en --origin "CSTO speech 2025-06-19"
            """)

        @Argument(help: ArgumentHelp("Files to import.", valueName: "file"))
        var files: [String]

        @OptionGroup var tm: TMOptions

        @Option(help: ArgumentHelp("Languages of line-aligned text files, one per file in order.", valueName: "en,ru"))
        var langs: String?

        @Option(help: "Language of documents to import as monolingual sentences.")
        var lang: String?

        @Option(help: ArgumentHelp("SRX 2.0 rules for segmenting documents.", valueName: "file"))
        var srx: String?

        @Option(help: "Origin recorded on each unit (default: the file name).")
        var origin: String?

        @Option(help: "Author recorded as creator of each unit (default: $USER).")
        var author: String?

        @Flag(help: "Import the valid units of a TMX file and report the invalid ones instead of failing.")
        var skipInvalid = false

        @Flag(help: ArgumentHelp(
            "Import fuzzy PO entries (marked po:fuzzy) and unconfirmed XLIFF targets too.",
            discussion: "Unconfirmed: XLIFF state new, needs-translation or initial; Trados Draft or rejected; memoQ NotStarted, Pretranslated, PartiallyEdited or Rejected; Phrase m:confirmed=\"0\". Without the flag such a unit keeps only its source."))
        var includeFuzzy = false

        @Flag(help: ArgumentHelp(
            "Skip the search indexes (fuzzy, concordance) for a faster bulk load.",
            discussion: "Exact lookups work at once; 'glossa tm index', or the next lookup or import, builds the rest."))
        var deferIndex = false

        @OptionGroup var limits: LimitOptions

        @Option(help: "Language of PO msgids.")
        var sourceLang: String = "en"

        @Option(help: "A unit whose source the TM holds: add, overwrite, keep or newest.")
        var onConflict: ConflictPolicy = .add

        @Option(help: "Output: text or json ({\"read\": N, \"added\": N, \"duplicates\": N, \"keptApart\": N, \"skipped\": […], \"unconfirmed\": N, \"illPairedCodes\": N, \"warnings\": […], \"replaced\": N, \"leftOutByPolicy\": N}).")
        var format: OutputFormat = .text

        func validate() throws {
            if let langs, langs.split(separator: ",").count < 2 {
                throw ValidationError("--langs needs two or more languages, one per line-aligned file (en,ru)")
            }
        }

        func run() throws {
            // A missing file or a folder is said as such before what its name suggests is asked about.
            for file in files where file != "-" { try InputFile.checkReadable(file) }
            var workflow = ImportWorkflow(files: files)
            workflow.parallelLanguages = try langs.map(languageList)
            workflow.documentLanguage = try lang.map { try LanguageTag($0) }
            workflow.srx = srx
            workflow.origin = origin
            workflow.stamp = Stamp(date: Date(), author: author ?? ProcessInfo.processInfo.environment["USER"])
            workflow.skipInvalid = skipInvalid
            workflow.includeUnconfirmed = includeFuzzy
            workflow.deferSearchIndex = deferIndex
            workflow.poSourceLanguage = try LanguageTag(sourceLang)
            workflow.limits = limits.unitLimits
            workflow.onConflict = onConflict

            let progress = Progress(label: "importing")
            defer { progress.finish() }
            let location = try tm.locationBuildingDefault()
            if !TMStores.isDatabase(location) { removeAbandonedFiles(for: location) }
            let report = try workflow.run(into: location, progress: progress.update, create: createTM(at:deferSearchIndex:_:))
            let path = TMStores.name(of: location)
            progress.finish()  // clear the counter before the summary goes to the terminal
            switch format {
            case .json: try printJSON(report)
            case .text:
                for warning in report.warnings { Diagnostics.note("warning: \(warning)") }
                for unit in report.skipped {
                    Diagnostics.note("warning: \(unit.file):\(unit.line): tu \(unit.index) skipped: \(unit.reason)")
                }
                let invalid = report.skipped.isEmpty ? "" : ", \(report.skipped.count) invalid skipped"
                let leftOut = report.unconfirmed == 0 ? "" : ", \(report.unconfirmed) unconfirmed translations left out (--include-fuzzy takes them)"
                let apart = report.keptApart == 0 ? "" : " (\(report.keptApart) of them beside a unit of the same text, kept apart by id or properties)"
                let codes = report.illPairedCodes == 0 ? "" : ", \(report.illPairedCodes) ill-paired inline codes stored as written"
                let policy = onConflict == .add ? ""
                    : ", \(report.replaced) stored units replaced, \(report.leftOutByPolicy) left out (--on-conflict \(onConflict.rawValue))"
                print("\(path): \(report.read) units read, \(report.added) added\(apart), \(report.duplicates) duplicates skipped"
                      + invalid + leftOut + codes + policy)
            }
        }
    }
}

/// A progress counter on standard error, shown only when standard error is a terminal.
final class Progress {
    private let label: String
    private let noun: String
    private let every: Int
    private let enabled = isatty(STDERR_FILENO) == 1
    private var shown = false
    private var lastUpdate = Date.distantPast

    /// A counter shown as "label: N noun", looked at every `every` items.
    init(label: String, noun: String = "units", every: Int = 1000) {
        self.label = label
        self.noun = noun
        self.every = every
    }

    func update(_ count: Int) {
        guard enabled, count % every == 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(lastUpdate) > 0.2 else { return }
        lastUpdate = now
        shown = true
        FileHandle.standardError.write(Data("\r\(label): \(count) \(noun)".utf8))
    }

    /// Clears the counter line; safe to call more than once.
    func finish() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }
}
