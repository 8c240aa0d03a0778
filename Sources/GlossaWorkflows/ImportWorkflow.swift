import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaSegmentation
import GlossaText

/// An import of files into a TM, as `glossa import` and the server's import jobs run it: which
/// reader takes each file (`FileFormat`), the files read into one transaction (a new TM is
/// built aside and moved into place), and what it did.
public struct ImportWorkflow: Sendable {
    /// The files, in order ("-" for standard input, read whole).
    public var files: [String]
    /// Languages of line-aligned text files, one per file in order.
    public var parallelLanguages: [LanguageTag]?
    /// Language of documents imported as monolingual sentences.
    public var documentLanguage: LanguageTag?
    /// SRX rules for segmenting documents.
    public var srx: String?
    /// Origin recorded on each unit; nil: the file name.
    public var origin: String?
    /// Creation stamp for units whose files carry none.
    public var stamp: Stamp?
    /// Import the valid units of a TMX file and report the invalid ones.
    public var skipInvalid = false
    /// Import fuzzy PO entries and unconfirmed XLIFF targets too.
    public var includeUnconfirmed = false
    /// Leave the search indexes for later.
    public var deferSearchIndex = false
    /// Language of PO msgids.
    public var poSourceLanguage: LanguageTag = "en"
    /// How large one unit may be.
    public var limits = UnitLimits.standard
    /// What to do with a unit whose source the TM already holds.
    public var onConflict = ConflictPolicy.add

    public init(files: [String]) {
        self.files = files
    }

    /// What an import did: the TM's counts, and what the files held that was left out.
    public struct Report: Codable, Equatable, Sendable {
        public var read: Int
        public var added: Int
        public var duplicates: Int
        /// Units of the same texts as a stored unit, added beside it for their id or properties.
        public var keptApart: Int
        /// TMX units `skipInvalid` left out.
        public var skipped: [Skipped]
        /// Translations the files mark as not confirmed, left out without `includeUnconfirmed`.
        public var unconfirmed: Int
        /// TMX inline codes not paired as the standard requires, stored as written.
        public var illPairedCodes: Int
        public var warnings: [String]
        /// Under `onConflict` overwrite or newest: stored units replaced by units of the files.
        public var replaced = 0
        /// Under `onConflict` other than add: units of the files left out for a stored unit of
        /// the same source, or for another of the files.
        public var leftOutByPolicy = 0

        /// A TMX unit left out, and why.
        public struct Skipped: Codable, Equatable, Sendable {
            public let file: String
            public let index: Int
            public let line: Int
            public let reason: String
        }
    }

    /// Which reader takes which file, decided before anything is read.
    struct Plan {
        /// Files of units (TMX, XLIFF, PO, TSV, CSV), in the order given.
        var units: [(file: String, format: FileFormat)] = []
        var parallel: [String] = [], documents: [(file: String, format: DocumentFormat)] = []
    }

    /// The plan for `files`: each file's format from its extension, else its first bytes.
    /// Throws for a compressed file, and for text files without a language option.
    func plan() throws -> Plan {
        var plan = Plan()
        var others: [(file: String, format: DocumentFormat)] = []
        for file in files {
            let name = file.lowercased()
            if name.hasSuffix(".gz") || name.hasSuffix(".zip") {
                throw InputError("a compressed file: decompress it first (gunzip, unzip) and import what it holds", file: file)
            }
            let format = FileFormat.of(file: file)
            if let format, format.holdsUnits {
                plan.units.append((file, format))
            } else {
                others.append((file, format?.document ?? .text))
            }
        }
        guard !others.isEmpty else { return plan }
        if let parallelLanguages {
            guard parallelLanguages.count == others.count else {
                throw InputError("--langs names \(parallelLanguages.count) languages but \(others.count) line-aligned files were given; name one language per file")
            }
            guard Set(parallelLanguages).count == parallelLanguages.count else { throw InputError("--langs names a language twice") }
            plan.parallel = others.map(\.file)
        } else if documentLanguage != nil {
            plan.documents = others
        } else {
            throw InputError("say --lang L to import it as a document of sentences in L, or --langs a,b with one line-aligned file per language",
                             file: others[0].file)
        }
        return plan
    }

    /// Imports the files into the TM at `path` (a file, or a PostgreSQL URL), as one transaction: on any error nothing is
    /// imported. `progress` hears the units read so far; `create` builds a new TM (the CLI's
    /// removes its temporary files if the process is interrupted).
    public func run(into path: String, progress: @escaping (Int) -> Void = { _ in },
                    create: (String, Bool, (UnitWriter) throws -> Void) throws -> ImportSummary = { path, deferring, body in
                        try TranslationMemory.create(at: path, deferSearchIndex: deferring, body)
                    }) throws -> Report {
        let plan = try plan()
        // Text files are read whole before the TM is touched; files of units are streamed.
        let whole = try (plan.parallel + plan.documents.map(\.file)).map { ($0, try InputFile.contents(of: $0)) }
        let bytes = Dictionary(whole, uniquingKeysWith: { first, _ in first })
        let segmenter = try plan.documents.isEmpty ? nil
            : documentLanguage.map { try SentenceSegmenter(language: $0, srx: srx.map { try SRXDocument(file: $0) }) }
        var report = Report(read: 0, added: 0, duplicates: 0, keptApart: 0, skipped: [], unconfirmed: 0, illPairedCodes: 0, warnings: [])
        let load = { (writer: any UnitSink) throws in
            func add(_ unit: TranslationUnit, line _: Int = 0) throws {
                try writer.add(unit)
                progress(writer.read)
            }
            for (file, format) in plan.units {
                let result = try unitReader(for: file).read(file: file, format: format, add)
                if let header = result.tmxHeader { writer.add(header.document(origin: origin(for: file).document)) }
                report.unconfirmed += result.unconfirmed
                report.skipped += result.skipped.map { Report.Skipped(file: file, index: $0.index, line: $0.line, reason: $0.reason) }
                report.warnings += result.warnings
                report.illPairedCodes += result.illPairedCodes
            }
            if let parallelLanguages, !plan.parallel.isEmpty {
                let sources = try zip(plan.parallel, parallelLanguages).map {
                    (source: try SourceText(bytes: bytes[$0.0] ?? Data(), file: $0.0), language: $0.1)
                }
                try ParallelTextReader.read(sources, origin: origin(for: plan.parallel[0])) { try add($0) }
            }
            if let segmenter {
                for (file, format) in plan.documents {
                    try DocumentUnitReader.read(bytes: bytes[file] ?? Data(), file: file, format: format,
                                                segmenter: segmenter, origin: origin(for: file)) { try add($0) }
                }
            }
        }
        if onConflict != .add {
            // Every unit is read, then resolved against the TM, then written with the
            // deletions it takes, in one transaction.
            let collected = CollectedUnits()
            try load(collected)
            let store = try TMStores.open(path, access: TMStores.isDatabase(path) ? .readWrite : .create)
            let resolution = try ImportConflicts(policy: onConflict).resolve(collected.units, against: store)
            let applied = try store.apply(resolution.changes)
            report.read = collected.read + report.skipped.count
            report.added = applied.added.added
            report.duplicates = applied.added.duplicates
            report.keptApart = applied.added.keptApart
            report.replaced = resolution.replaced
            report.leftOutByPolicy = resolution.leftOut
            return report
        }
        let summary = try Self.load(into: path, deferSearchIndex: deferSearchIndex, create: create, load)
        report.read = summary.read + report.skipped.count
        report.added = summary.added
        report.duplicates = summary.duplicates
        report.keptApart = summary.keptApart
        return report
    }

    /// Adds the units `body` writes to the TM at `location` (a file path or a PostgreSQL URL)
    /// as one transaction: an existing file or a database takes them in one write; a new file
    /// is built aside by `create` and moved into place.
    public static func load(into location: String, deferSearchIndex: Bool = false,
                            create: (String, Bool, (UnitWriter) throws -> Void) throws -> ImportSummary,
                            _ body: (any UnitSink) throws -> Void) throws -> ImportSummary {
        if TMStores.isDatabase(location) || FileManager.default.fileExists(atPath: location) {
            return try TMStores.open(location, access: .readWrite).writeUnits(deferSearchIndex: deferSearchIndex, body)
        }
        // `create` runs `body` before it returns; it only looks as if it might keep it.
        return try withoutActuallyEscaping(body) { body in try create(location, deferSearchIndex) { try body($0) } }
    }

    /// How files of units are read, with this import's options.
    private func unitReader(for file: String) -> UnitFileReader {
        var reader = UnitFileReader(origin: origin(for: file))
        reader.skipInvalid = skipInvalid
        reader.includeUnconfirmed = includeUnconfirmed
        reader.poSourceLanguage = poSourceLanguage
        reader.poFallbackLanguage = documentLanguage
        return reader
    }

    private func origin(for file: String) -> ImportOrigin {
        ImportOrigin(document: origin ?? (file as NSString).lastPathComponent, created: stamp, limits: limits)
    }
}
