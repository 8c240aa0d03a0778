import ArgumentParser
import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaText
import GlossaWorkflows

extension Glossa {
    /// `glossa export`: write the TM (or part of it) as TMX 1.4b.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the TM as TMX 1.4b for CAT tools, or as TSV.",
            discussion: """
            Writes every unit (or those selected) with all its fields: ids,
            creation and change dates and authors, notes, properties, origin
            and context; importing the file again gives them all back.
            Level 2 (default) keeps inline codes as TMX elements; level 1
            strips them. The file is valid against the TMX 1.4b DTD. It is
            written to a temporary file and moved into place when complete.

            A .tsv output has a header of language tags and a row per unit
            (plain text; tabs and line breaks in a segment become spaces,
            with a warning), for spreadsheets and diffs. Characters XML 1.0
            cannot hold (control characters) go to TMX as U+FFFD, with a
            warning.

            Examples:
              glossa export --out csto.tmx
              glossa export --out csto-en-ru.tmx --langs en,ru --level 1
              glossa export --out june.tmx --since 2025-06-01 --origin news.tmx
              glossa export --out csto.tsv --langs en,ru
            """)

        @OptionGroup var tm: TMOptions

        @Option(help: ArgumentHelp("The file to write (.tmx or .tsv); - writes TMX to standard output.", valueName: "file"))
        var out: String

        @Option(help: ArgumentHelp("Only these languages (en also takes en-GB); the first is the source of units that record none.", valueName: "en,ru"))
        var langs: String?

        @Option(help: ArgumentHelp("Only units created or changed on or after this date (YYYY-MM-DD).", valueName: "date"))
        var since: String?

        @Option(help: "Only units from this origin document.")
        var origin: String?

        @Option(help: "Inline markup: 1 strips codes, 2 keeps them.")
        var level: Int = 2

        func validate() throws {
            guard level == 1 || level == 2 else { throw ValidationError("--level must be 1 or 2") }
            if let since, Timestamp.parse(since + "T00:00:00Z") == nil {
                throw ValidationError("--since takes a date as YYYY-MM-DD, not '\(since)'")
            }
        }

        func run() throws {
            let memory = try tm.openStore(.readOnly)
            var workflow = ExportWorkflow(format: FileFormat(path: out))
            workflow.languages = try langs.map(languageList)
            try tm.warnAboutAbsent(workflow.languages ?? [], in: memory)
            workflow.filter = TranslationMemory.UnitFilter(since: since.flatMap { Timestamp.parse($0 + "T00:00:00Z") }, origin: origin)
            workflow.level = TMXWriter.Level(rawValue: level) ?? .inline
            let progress = Progress(label: "exporting")
            defer { progress.finish() }
            let result = try AtomicOutput.write(to: out) { try workflow.run(from: memory, to: $0, progress: progress.update) }
            progress.finish()
            for alteration in result.alterations { Diagnostics.note("warning: \(alteration)") }
            if out != "-" { print("\(out): \(result.written) units written") }
        }
    }
}

/// Writes a file through a temporary sibling moved into place on success, so a failed or
/// interrupted write never leaves half a file; "-" writes to standard output.
enum AtomicOutput {
    /// Writes `text` to `path` that way (standard output for "-").
    static func write(_ text: String, to path: String) throws {
        try write(to: path) { try $0.write(contentsOf: Data(text.utf8)) }
    }

    static func write<T>(to path: String, _ body: (FileHandle) throws -> T) throws -> T {
        if path == "-" { return try body(FileHandle.standardOutput) }
        let temporary = path + ".glossa-tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw InputError("cannot write the file", file: path)
        }
        do {
            let result = try removingOnInterruption([temporary], outcome: "\(path) was not written") { try body(handle) }
            try handle.close()
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
            try FileManager.default.moveItem(atPath: temporary, toPath: path)
            return result
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }
}
