import ArgumentParser
import Foundation
import GlossaCheck
import GlossaCore
import GlossaMemory
import GlossaQA
import GlossaTerminology
import GlossaText

extension ReportFormat: ExpressibleByArgument {}

extension Glossa {
    /// `glossa check`: terminology and translation QA over documents, bilingual files and the TM.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check texts against the glossary, and translations by the QA rules.",
            discussion: """
            Inputs, by extension: .txt .md .html (monolingual documents in
            --from, default en); .tmx .xlf .po .tsv .csv (source and
            translations: the source is --from, else each unit's first
            language; targets are --to, else every other language); a
            folder (its files, filtered by the config's include/exclude
            globs). With no input and no include globs, the TM is checked
            (--tm, else the default TM).

            Terminology rules (documents and translations): deprecated-term,
            inconsistent-variants, missing-target-term,
            deprecated-target-term, acronym-not-kept, and capitalization of
            approved terms. Russian, English and Armenian terms match
            inflected forms (Snowball stemming); for other languages mark a
            stem with | in the glossary (Қазақстан|).

            Translation QA rules (bilingual files and the TM):
            number-mismatch, placeholder-mismatch, tag-mismatch,
            untranslated, target-equals-source, inconsistent-translation
            (across all the files checked, or the whole TM), punctuation,
            spacing, capitalization, length (against the language pair's
            usual ratio in what is checked). `glossa terms rules` explains
            each; --terms-only runs the terminology rules alone.

            Settings come from --config, else .glossa.yml in the current
            folder (glossaries, include, exclude, source, target, fail-on,
            rules, ignore-terms, allow-same, baseline); options override
            them. Without
            a glossary setting, every .tbx, .tsv and .csv in glossaries/ is
            used. Silence one line of a text file with a comment holding
            glossa-ignore-line or, on the line before, glossa-ignore-next-line
            (optionally followed by rule ids).

            Exit codes: 0 no finding at or above --fail-on; 1 findings;
            2 usage or input error (missing or malformed file or glossary).

            Examples:
              glossa check ../shared/seed/csto-news-2025-06.txt
              glossa check news.ru.xlf --format sarif --output glossa.sarif
              glossa check translations/ --to ru --format github
              glossa check translations/ --format gitlab --output gl-code-quality-report.json
              glossa check translations/ --format html --output glossa-report.html
              glossa check --tm tm/glossa.sqlite --glossary glossaries/csto.tbx
              glossa check docs/ --write-baseline .glossa-baseline.json
            """)

        @Argument(help: ArgumentHelp("Files or folders to check.", valueName: "input"))
        var inputs: [String] = []

        @OptionGroup var tm: TMOptions

        @OptionGroup var glossary: GlossaryOptions

        @OptionGroup var limits: LimitOptions

        @Option(help: ArgumentHelp("Source language (documents are in it).", valueName: "lang"))
        var from: String?

        @Option(help: ArgumentHelp("Target language to check translations in.", valueName: "lang"))
        var to: String?

        @Option(help: "Output: text, json, sarif, junit, github (workflow commands), gitlab (Code Quality report) or html (a page to review).")
        var format: ReportFormat = .text

        @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
        var output: String?

        @Option(name: .customLong("fail-on"), help: ArgumentHelp(
            "Exit 1 when a finding has this severity or above: error, warning, note or never. Default: error.", valueName: "level"))
        var failOn: String?

        @Flag(name: .customLong("terms-only"), help: "Run the terminology rules only, not the translation QA rules.")
        var termsOnly = false

        @Option(help: ArgumentHelp("Report only findings this baseline file does not accept.", valueName: "file"))
        var baseline: String?

        @Option(name: .customLong("write-baseline"), help: ArgumentHelp(
            "Write every current finding to this baseline file and exit 0.", valueName: "file"))
        var writeBaseline: String?

        func run() throws {
            let settings = try glossary.configuration()
            let sourceLanguage = try from.map { try LanguageTag($0) } ?? settings.sourceLanguage
            let targetLanguage = try to.map { try LanguageTag($0) } ?? settings.targetLanguage
            let threshold: Severity?
            if let failOn {
                guard let level = CheckConfiguration.level(failOn) else {
                    throw ValidationError("--fail-on must be error, warning, note or never")
                }
                threshold = level
            } else {
                threshold = settings.failOn ?? .error
            }
            let termbase = try glossary.termbase(settings, languages: sourceLanguage.flatMap { source in targetLanguage.map { (source, $0) } })
            let checker = TermChecker(termbase: termbase, policy: CheckRules.termPolicy(settings.severities, ignored: settings.ignoredTerms))
            let qa = termsOnly ? nil : PairChecker(policy: CheckRules.qaPolicy(settings.severities, allowedSame: settings.allowedSame))
            let runner = CheckRunner(checker: checker, qa: qa, sourceLanguage: sourceLanguage, targetLanguage: targetLanguage,
                                     limits: limits.unitLimits)

            var findings: [Finding] = []
            var checked: [String] = []
            let files = try inputFiles(settings)
            let progress = Progress(label: "checking")
            for (index, file) in files.enumerated() {
                findings += try runner.check(file: file)
                checked.append(file)
                progress.update(index + 1)
            }
            if files.isEmpty {
                let memory = try tm.openStore(.readOnly)
                findings += try runner.check(memory: memory)
                checked.append(memory.name)
            }
            findings += runner.finish()
            progress.finish()

            if let writeBaseline {
                try Baseline(findings: findings).write(to: writeBaseline)
                Diagnostics.note("wrote \(findings.count) findings to \(writeBaseline)")
                return
            }
            if let path = baseline ?? settings.baseline {
                findings = try Baseline.load(path: path).newFindings(in: findings)
            }
            let report = Report(findings: findings, files: checked, toolVersion: Glossa.configuration.version)
            let useColor = output == nil && format == .text && Diagnostics.outputColorsEnabled
            let rendered = try report.render(format, color: useColor)
            try AtomicOutput.write(rendered, to: output ?? "-")
            if let threshold, findings.contains(where: { $0.severity >= threshold }) { throw ExitCode(1) }
        }

        private func inputFiles(_ settings: CheckConfiguration) throws -> [String] {
            if inputs.isEmpty {
                return settings.include.isEmpty || tm.path != nil ? [] : settings.files(under: ".")
            }
            return try inputs.flatMap { input -> [String] in
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory) else {
                    throw InputError("no such file", file: input)
                }
                return isDirectory.boolValue ? settings.files(under: input) : [input]
            }
        }
    }
}
