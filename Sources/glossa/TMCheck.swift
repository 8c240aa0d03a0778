import ArgumentParser
import Foundation
import GlossaMemory
import GlossaWorkflows

extension Glossa {
    /// `glossa tm`: maintenance of the TM file.
    struct TM: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Maintain the translation memory: check, index, copy between stores, list, delete, replace, dedupe.",
            subcommands: [Check.self, Index.self, Copy.self, List.self, Delete.self, Replace.self, Dedupe.self])

        /// `glossa tm check`: integrity of the TM file.
        struct Check: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Check the TM file's integrity.",
                discussion: """
                Runs SQLite's integrity and foreign-key checks, then Glossa's
                own: every unit has a variant, every exact-match key and hash
                agrees with its text, every language tag is canonical. Prints
                each problem on a line; exit 0 when the TM is sound, 1 when
                problems were found, 2 when the file is not a usable TM. Files a
                killed import left beside the TM (NAME.glossa-new-PID) are
                removed first, and named.

                Examples:
                  glossa tm check
                  glossa tm check --tm work/csto.sqlite --format json
                """)

            @OptionGroup var tm: TMOptions

            @Option(help: "Output: text or json ({\"path\": …, \"ok\": true, \"problems\": []}).")
            var format: OutputFormat = .text

            struct Report: Encodable {
                let path: String
                let ok: Bool
                let problems: [String]
            }

            func run() throws {
                let location = try tm.locationBuildingDefault()
                if !TMStores.isDatabase(location) { removeAbandonedFiles(for: location) }
                let memory = try TMStores.open(location, access: .readOnly)
                let problems = try memory.checkIntegrity()
                switch format {
                case .json:
                    try printJSON(Report(path: memory.name, ok: problems.isEmpty, problems: problems))
                case .text:
                    if problems.isEmpty { print("\(memory.name): ok") }
                    for problem in problems { print("\(memory.name): \(problem)") }
                }
                if !problems.isEmpty { throw ExitCode(1) }
            }
        }
    }
}
