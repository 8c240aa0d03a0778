import ArgumentParser
import Foundation
import GlossaMemory

extension Glossa.TM {
    /// `glossa tm index`: builds the search indexes an import deferred.
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the search indexes that 'glossa import --defer-index' left out.",
            discussion: """
            Fuzzy and concordance lookups need every variant in the search
            indexes. An import with --defer-index stores units with their
            exact-match keys only, which loads large files faster; this
            command then indexes what is missing, in one transaction. With
            nothing missing it changes nothing. Lookups and imports without
            --defer-index do the same when they find a TM in this state.

            Exit 0 when the TM is indexed, 2 when it cannot be opened or written.

            Examples:
              glossa import archive-2019.tmx archive-2020.tmx --defer-index --tm big.sqlite
              glossa tm index --tm big.sqlite
            """)

        @OptionGroup var tm: TMOptions

        @Option(help: "Output: text or json ({\"path\": …, \"indexed\": N}).")
        var format: OutputFormat = .text

        struct Report: Encodable {
            let path: String
            let indexed: Int
        }

        func run() throws {
            let memory = try tm.openStore(.readWrite)
            let progress = Progress(label: "indexing", noun: "variants", every: 1)
            let indexed = try memory.updateSearchIndex(progress: progress.update)
            progress.finish()
            switch format {
            case .json: try printJSON(Report(path: memory.name, indexed: indexed))
            case .text: print("\(memory.name): \(indexed) variants indexed")
            }
        }
    }
}
