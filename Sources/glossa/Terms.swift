import ArgumentParser
import Foundation
import GlossaCheck
import GlossaCore
import GlossaFormats
import GlossaTerminology
import GlossaText

extension Glossa {
    /// `glossa terms`: the glossary for translators and terminologists.
    struct Terms: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find glossary terms in a sentence, export the glossary, list the check rules.",
            subcommands: [Find.self, Export.self, Validate.self, Rules.self],
            defaultSubcommand: Find.self)
    }
}

extension Glossa.Terms {
    /// `glossa terms "sentence"`: the terms in a text with their approved translations.
    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "find",
            abstract: "List the glossary terms in a sentence with their approved translations.",
            discussion: """
            Inflected forms are found for Russian, English and Armenian.
            JSON output: an array of {"term", "found", "start", "end", "status",
            "type", "concept", "translations": [{"term", "language", "status"}]},
            start and end being UTF-8 offsets into the sentence.

            Examples:
              glossa terms "The CSTO Secretary-General met the Kyrgyz Republic's delegation."
              glossa terms "Комитета секретарей советов безопасности" --from ru
              glossa terms "Cyber Security" --format json
              glossa terms --export tsv > csto.tsv
            """)

        @Argument(help: "The sentence to look terms up in.")
        var sentence: String?

        @Option(help: ArgumentHelp("Instead of a look-up, print the glossary as tbx, tsv, csv or omegat (see `terms export`).",
                                   valueName: "format"))
        var export: Export.Format?

        @OptionGroup var glossary: GlossaryOptions

        @Option(help: ArgumentHelp("The sentence's language.", valueName: "lang"))
        var from: String = "en"

        @Option(help: ArgumentHelp("Show translations in this language only (default: every other language).", valueName: "lang"))
        var to: String?

        @Option(help: "Output: text or json.")
        var format: OutputFormat = .text

        func validate() throws {
            if sentence == nil && export == nil { throw ValidationError("give a sentence to look terms up in, or --export FORMAT") }
        }

        func run() throws {
            if let export {
                let languages = try to.map { (try LanguageTag(from), try LanguageTag($0)) }
                let termbase = try glossary.termbase(try glossary.configuration(), languages: languages)
                return try Export.write(termbase, as: export, languages: languages, to: nil)
            }
            let sentence = sentence ?? ""
            let language = try LanguageTag(from)
            let target = try to.map { try LanguageTag($0) }
            let termbase = try glossary.termbase(try glossary.configuration(), languages: nil)
            let hits = try TermChecker(termbase: termbase).foundTerms(in: sentence, language: language, translationsIn: target)
            if format == .json { return try printJSON(hits) }
            if hits.isEmpty { print("No glossary terms found."); return }
            for hit in hits {
                let form = hit.found == hit.term ? "" : " (as '\(hit.found)')"
                print("\(hit.term)\(form) — \(hit.status)\(hit.type.map { ", \($0)" } ?? "") [\(hit.concept)]")
                for translation in hit.translations {
                    print("    \(translation.language): \(translation.term) — \(translation.status)")
                }
            }
        }
    }

    /// `glossa terms export`: the glossary in another format.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the glossary as TBX (TBX-Basic), TSV, CSV or an OmegaT glossary.",
            discussion: """
            TBX output is TBX v3, TBX-Basic dialect (DCA style). TSV and CSV
            have a concept column, a column per language and per-language
            status, type and note columns; `glossa check --glossary` reads
            them back. The OmegaT format needs --from and --to.

            Examples:
              glossa terms export --to-format tsv --out csto.tsv
              glossa terms export --glossary csto.tsv --to-format tbx --out csto.tbx
              glossa terms export --to-format omegat --from en --to ru --out glossary.txt
            """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case tbx, tsv, csv, omegat }

        @OptionGroup var glossary: GlossaryOptions

        @Option(name: .customLong("to-format"), help: "tbx, tsv, csv or omegat.")
        var format: Format = .tbx

        @Option(help: ArgumentHelp("Output file; - or none for standard output.", valueName: "file"))
        var out: String?

        @Option(help: ArgumentHelp("Source language (OmegaT format).", valueName: "lang"))
        var from: String?

        @Option(help: ArgumentHelp("Target language (OmegaT format).", valueName: "lang"))
        var to: String?

        func run() throws {
            let languages = try from.flatMap { source in try to.map { (try LanguageTag(source), try LanguageTag($0)) } }
            let termbase = try glossary.termbase(try glossary.configuration(), languages: languages)
            try Self.write(termbase, as: format, languages: languages, to: out)
        }

        /// Writes `termbase` in `format` to the file `out`, or standard output for nil or "-".
        static func write(_ termbase: Termbase, as format: Format, languages: (LanguageTag, LanguageTag)?, to out: String?) throws {
            let text: String
            switch format {
            case .tbx: text = TBXWriter.write(termbase)
            case .tsv: text = GlossaryTable.write(termbase, dialect: .tsv)
            case .csv: text = GlossaryTable.write(termbase, dialect: .csv)
            case .omegat:
                guard let languages else { throw ValidationError("the OmegaT format needs --from and --to") }
                text = GlossaryTable.writeOmegaT(termbase, source: languages.0, target: languages.1)
            }
            try AtomicOutput.write(text, to: out ?? "-")
        }
    }

    /// `glossa terms validate FILE`: a TBX file against the core structure and its dialect.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a TBX file against the TBX v3 core structure and its dialect (TBX-Basic, TBX-Min).",
            discussion: """
            The core structure is ISO 30042:2019 as LTAC's RelaxNG schema defines
            it; the dialect's data categories (permitted types, levels, picklists)
            as LTAC's Schematron rules define them: in DCA style (<termNote
            type="termType">) by the dialect's rules, in DCT style
            (<basic:termType>) by its DCT rules and the TBX-Min and TBX-Basic
            modules' grammars and rules. The dialect is the file's tbx@type
            unless --dialect says otherwise. Every violation is reported with
            line:column (a RelaxNG validator stops at the first one in each
            element). A TBX v2 file (<martif>) is read by Glossa but has no
            schema here: one line says so, and it exits 0.

            Exit codes: 0 valid (or TBX v2, not validated); 1 violations; 2 not
            well-formed XML or unreadable.

            Examples:
              glossa terms validate glossaries/csto.tbx
              glossa terms validate export.tbx --dialect basic --format json
            """)

        enum DialectChoice: String, ExpressibleByArgument, CaseIterable { case auto, core, basic, min }

        @Argument(help: "The TBX file.")
        var file: String

        @Option(help: "auto (from tbx@type), core, basic or min.")
        var dialect: DialectChoice = .auto

        @Option(help: "Output: text or json (an array of {line, column, message}).")
        var format: OutputFormat = .text

        func run() throws {
            let bytes = Array(try InputFile.contents(of: file))
            let validator = TBXValidator(dialect: TBXValidator.Dialect(rawValue: dialect.rawValue) ?? .auto)
            let report = try validator.validate(bytes: bytes, file: file)
            let violations = report.violations
            if report.isVersion2 {
                let line = "\(file): a TBX v2 file (<martif>): Glossa reads it, but only TBX v3 (<tbx>) is validated"
                if format == .json {
                    try printJSON(violations)
                    Diagnostics.note(line)
                } else {
                    print(line)
                }
                return
            }
            switch format {
            case .json: try printJSON(violations)
            case .text:
                for violation in violations { print("\(file):\(violation)") }
                print(violations.isEmpty ? "\(file): valid" : "\(file): \(violations.count) violations")
            }
            if !violations.isEmpty { throw ExitCode(1) }
        }
    }

    /// `glossa terms rules`: what each check looks for.
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the checks of glossa check (terminology and translation QA) with their default severities.")

        func run() {
            for rule in CheckRules.all {
                print("\(rule.id) (\(rule.defaultSeverity.rawValue)): \(rule.title)")
                print("    \(rule.help)")
            }
        }
    }
}
