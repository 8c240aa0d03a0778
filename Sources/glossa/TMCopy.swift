import ArgumentParser
import Foundation
import GlossaWorkflows

extension Glossa.TM {
    /// `glossa tm copy`: a TM from one store to another.
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a TM between an SQLite file and a PostgreSQL database.",
            discussion: """
            FROM and TO are each a TM file or a PostgreSQL URL
            (postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=…]; the
            password may come from PGPASSWORD or ~/.pgpass instead). Every unit
            is copied with every field (variants, inline codes, notes,
            properties, dates, authors, origin, context) and the headers of the
            files imported. TO takes the units as an import would, in one
            transaction: units it holds already are duplicates and are skipped;
            on any error it is left as it was. A database gets Glossa's schema
            on first use.

            Exit 0 when copied, 2 when either TM cannot be opened or written.

            Examples:
              glossa tm copy csto.sqlite postgresql://glossa@db.example.org/csto
              glossa tm copy postgresql://glossa@localhost/csto backup.sqlite
            """)

        @Argument(help: "The TM to copy: a file or a postgresql:// URL.")
        var from: String

        @Argument(help: "The TM to copy into: a file (created when missing) or a postgresql:// URL.")
        var to: String

        @Option(help: "Output: text or json ({\"read\", \"added\", \"duplicates\", \"keptApart\"}).")
        var format: OutputFormat = .text

        func run() throws {
            let progress = Progress(label: "copying")
            let summary = try CopyWorkflow(from: from, to: to).run(progress: progress.update, create: createTM(at:deferSearchIndex:_:))
            progress.finish()
            switch format {
            case .json: try printJSON(summary)
            case .text: print("\(summary.read) units read: \(summary.added) added, \(summary.duplicates) duplicates skipped")
            }
        }
    }
}
