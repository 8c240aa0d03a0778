import ArgumentParser
import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaSegmentation
import GlossaText

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
              .po          gettext: msgid in --source-lang (en), msgstr in the
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
            "Unicode Text").

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

            Every import also builds the search indexes (fuzzy and concordance)
            of what it adds. --defer-index leaves them out, for bulk loads;
            'glossa tm index' builds them, and so does the next lookup or
            import without the flag.

            Examples:
              glossa import tm/seed/csto-news-2025-06.en-ru.tsv --tm work/csto.sqlite
              glossa import memory.tmx --skip-invalid
              glossa import huge-1.tmx huge-2.tmx --defer-index && glossa tm index
              glossa import review.xlf messages.ru.po
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

        @Option(help: "Output: text or json ({\"read\": N, \"added\": N, \"duplicates\": N, \"keptApart\": N, \"skipped\": […], \"unconfirmed\": N, \"illPairedCodes\": N, \"warnings\": […]}).")
        var format: OutputFormat = .text

        /// What the command prints: the TM's counts and the TMX units left out.
        struct Report: Encodable {
            let read: Int
            let added: Int
            let duplicates: Int
            /// Units of the same texts as a stored unit, added beside it for their id or properties.
            let keptApart: Int
            let skipped: [Skipped]
            /// Translations the files mark as not confirmed (fuzzy PO entries, XLIFF targets in
            /// state new or initial, …), left out without `--include-fuzzy`.
            let unconfirmed: Int
            /// TMX inline codes not paired as the standard requires, stored as written.
            let illPairedCodes: Int
            let warnings: [String]

            struct Skipped: Encodable {
                let file: String
                let index: Int
                let line: Int
                let reason: String
            }
        }

        func validate() throws {
            if let langs, langs.split(separator: ",").count < 2 {
                throw ValidationError("--langs needs two or more languages, one per line-aligned file (en,ru)")
            }
        }

        func run() throws {
            // Every input must be readable before the TM is touched. TMX, XLIFF, TSV and CSV are
            // streamed later, so they are only checked; the other formats are read whole now. A missing
            // file or a folder is said as such before what its name suggests is asked about.
            for file in files where file != "-" { try checkReadable(file) }
            let plan = try ImportPlan(files: files, langs: langs, lang: lang)
            let inputs = try files.map { file in
                (file: file, bytes: plan.streamed.contains(file) ? Data() : try readFile(file))
            }
            let segmenter = try plan.documentLanguage.map { try SentenceSegmenter(language: $0, srx: srx.map { try SRXDocument(file: $0) }) }
            let stamp = Stamp(date: Date(), author: author ?? ProcessInfo.processInfo.environment["USER"])

            let progress = Progress(label: "importing")
            defer { progress.finish() }
            var skipped: [Report.Skipped] = []
            var unconfirmed = 0
            var illPairedCodes = 0
            var warnings: [String] = []
            let load = { (writer: UnitWriter) throws in
                func add(_ unit: TranslationUnit, line _: Int = 0) throws {
                    try writer.add(unit)
                    progress.update(writer.read)
                }
                for file in plan.xliff {
                    unconfirmed += try XLIFFReader(origin: origin(for: file, stamp), includeUnconfirmed: includeFuzzy).read(file: file, add)
                }
                for (file, bytes) in inputs where plan.po.contains(file) {
                    let reader = POReader(origin: origin(for: file, stamp), sourceLanguage: try LanguageTag(sourceLang),
                                          fallbackLanguage: try lang.map { try LanguageTag($0) }, includeFuzzy: includeFuzzy)
                    unconfirmed += try reader.read(try POReader.sourceText(bytes: bytes, file: file), add)
                }
                for file in plan.tmx {
                    let reader = TMXReader(origin: origin(for: file, stamp), skipInvalid: skipInvalid)
                    let result = try reader.read(file: file, add)
                    writer.add(result.header.document(origin: reader.origin.document))
                    skipped += result.skipped.map { Report.Skipped(file: file, index: $0.index, line: $0.line, reason: $0.reason) }
                    warnings += result.warnings
                    illPairedCodes += result.illPairedCodes
                }
                for file in plan.tabular {
                    try TabularReader.read(file: file, dialect: .init(path: file), origin: origin(for: file, stamp), add)
                }
                if let languages = plan.parallelLanguages {
                    let sources = try zip(inputs.filter { plan.parallel.contains($0.file) }, languages).map {
                        (source: try SourceText(bytes: $0.0.bytes, file: $0.0.file), language: $0.1)
                    }
                    try ParallelTextReader.read(sources, origin: origin(for: sources[0].source.file, stamp)) { try add($0) }
                }
                if let segmenter {
                    for (file, bytes) in inputs where plan.documents.contains(file) {
                        try DocumentUnitReader.read(bytes: bytes, file: file, format: DocumentFormat(path: file),
                                                    segmenter: segmenter, origin: origin(for: file, stamp)) { try add($0) }
                    }
                }
            }
            // A new TM is built aside and moved into place; an existing one takes one transaction.
            let path = try tm.pathBuildingDefault()
            removeAbandonedFiles(for: path)
            let summary = FileManager.default.fileExists(atPath: path)
                ? try TranslationMemory(path: path, access: .readWrite).write(deferSearchIndex: deferIndex, load)
                : try createTM(at: path, deferSearchIndex: deferIndex, load)
            progress.finish()  // clear the counter before the summary goes to the terminal
            let report = Report(read: summary.read + skipped.count, added: summary.added, duplicates: summary.duplicates,
                                keptApart: summary.keptApart, skipped: skipped, unconfirmed: unconfirmed,
                                illPairedCodes: illPairedCodes, warnings: warnings)
            switch format {
            case .json: try printJSON(report)
            case .text:
                for warning in warnings { Diagnostics.note("warning: \(warning)") }
                for unit in skipped {
                    Diagnostics.note("warning: \(unit.file):\(unit.line): tu \(unit.index) skipped: \(unit.reason)")
                }
                let invalid = skipped.isEmpty ? "" : ", \(skipped.count) invalid skipped"
                let leftOut = unconfirmed == 0 ? "" : ", \(unconfirmed) unconfirmed translations left out (--include-fuzzy takes them)"
                let apart = report.keptApart == 0 ? "" : " (\(report.keptApart) of them beside a unit of the same text, kept apart by id or properties)"
                let codes = illPairedCodes == 0 ? "" : ", \(illPairedCodes) ill-paired inline codes stored as written"
                print("\(path): \(report.read) units read, \(report.added) added\(apart), \(report.duplicates) duplicates skipped"
                      + invalid + leftOut + codes)
            }
        }

        private func origin(for file: String, _ stamp: Stamp) -> ImportOrigin {
            ImportOrigin(document: origin ?? (file as NSString).lastPathComponent, created: stamp, limits: limits.unitLimits)
        }
    }
}

/// Which reader takes which file, decided from extensions and the language options before
/// anything is read.
struct ImportPlan {
    var tmx: [String] = []
    var xliff: [String] = []
    /// Files read by streaming parsers rather than loaded whole.
    var streamed: Set<String> { Set(tmx + xliff + tabular) }
    var po: Set<String> = []
    var tabular: [String] = []
    var parallel: [String] = []
    var parallelLanguages: [LanguageTag]?
    var documents: Set<String> = []
    var documentLanguage: LanguageTag?

    init(files: [String], langs: String?, lang: String?) throws {
        let others = try files.filter { file in
            let name = file.lowercased()
            if name.hasSuffix(".gz") || name.hasSuffix(".zip") {
                throw InputError("a compressed file: decompress it first (gunzip, unzip) and import what it holds", file: file)
            }
            if name.hasSuffix(".tsv") || name.hasSuffix(".csv") { tabular.append(file); return false }
            if name.hasSuffix(".tmx") { tmx.append(file); return false }
            if XLIFFReader.fileExtensions.contains((name as NSString).pathExtension) { xliff.append(file); return false }
            if name.hasSuffix(".po") { po.insert(file); return false }
            return true
        }
        guard !others.isEmpty else { return }
        if let langs {
            let languages = try languageList(langs)
            guard languages.count == others.count else {
                throw InputError("--langs names \(languages.count) languages but \(others.count) line-aligned files were given; name one language per file")
            }
            guard Set(languages).count == languages.count else { throw InputError("--langs names a language twice") }
            parallel = others
            parallelLanguages = languages
        } else if let lang {
            documentLanguage = try LanguageTag(lang)
            documents = Set(others)
        } else {
            throw InputError("say --lang L to import it as a document of sentences in L, or --langs a,b with one line-aligned file per language",
                             file: others[0])
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
