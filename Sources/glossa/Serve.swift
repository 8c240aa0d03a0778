import ArgumentParser
import Foundation
import GlossaCore
import GlossaMemory
import GlossaServer
import GlossaTerminology
import GlossaText
import Logging

extension Glossa {
    /// `glossa serve`: the TM's lookups over HTTP, and a search page for the browser.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the TM's lookups over HTTP, with a search page for the browser.",
            discussion: """
            Opens http://HOST:PORT/, a page where translators look segments up
            and search the TM in any language direction, and a JSON API for
            CAT tools and scripts (answers as the commands' --format json):

              GET  /api/lookup?q=TEXT&from=en&to=ru&min=75&max=5
              POST /api/lookup   {"segments": ["…"], "from": "en", "to": "ru", "min": 75}
                                 one array of matches per segment, in order (1,000 at most)
              GET  /api/concordance?q=QUERY&from=en&to=ru&page=1&max=20
              GET  /api/terms?q=TEXT&from=en&to=ru   (as glossa terms --format json)
              GET  /api/stats    {"units": N, "languages": {"en": N, …}}

            The glossary is found as glossa terms finds it (--glossary, the
            config, else glossaries/*.tbx|tsv|csv); without one, /api/terms
            answers 404. The page shows the terms of a segment looked up.

            Query strings are form-encoded ("+" or %20 for a space). A bad
            request gets status 400 and {"error": "…"}. A lookup request is
            given up after --request-timeout seconds (10) with status 503, and
            a POST's lookups stop as soon as its client closes the connection.
            A fuzzy search's work is bounded for any segment (README: Lookup).

            On 127.0.0.1 (the default) the server answers requests for
            127.0.0.1 or localhost only; --host 0.0.0.0 serves other
            machines, with no authentication: put it behind a proxy that has
            some. Requests are answered in parallel on --readers read
            connections (one per core). Each request sees the TM as last committed, so an import
            running beside the server shows up once it is done (after one
            with --defer-index, lookups answer 503 until glossa tm index has
            run). The server says where it listens on standard output and
            stops on Ctrl-C or SIGTERM, after the requests in flight.

            Examples:
              glossa serve
              glossa serve --tm work/csto.sqlite --port 8080
              curl 'http://127.0.0.1:8080/api/lookup?q=Collective+Security&min=50'
            """)

        @OptionGroup var tm: TMOptions

        @OptionGroup var glossary: GlossaryOptions

        @Option(help: "Address to listen on: 127.0.0.1 for this machine only, 0.0.0.0 for every network.")
        var host = "127.0.0.1"

        @Option(help: "Port to listen on; 0 takes any free one.")
        var port = 8080

        @Option(help: ArgumentHelp("Seconds a lookup request may take before it is given up with status 503.", valueName: "seconds"))
        var requestTimeout = Int(LookupServer.defaultRequestBudget.components.seconds)

        @Option(help: ArgumentHelp("Read connections to the TM, each answering one request at a time (default: one per core).", valueName: "count"))
        var readers: Int?

        func validate() throws {
            if let readers, !(1...256).contains(readers) { throw ValidationError("--readers must be from 1 to 256") }
            guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
            guard requestTimeout >= 1 else { throw ValidationError("--request-timeout must be at least 1 second") }
        }

        func run() throws {
            // Builds the default TM on first use, and indexes what an import deferred.
            let path = try tm.openForSearch(warningAbout: []).path
            let termbase: Termbase?
            do {
                termbase = try glossary.termbase(try glossary.configuration(), languages: nil)
            } catch is ValidationError {
                Diagnostics.note("note: no glossary, so /api/terms is off (give --glossary FILE)")
                termbase = nil
            }
            LoggingSystem.bootstrap(StreamLogHandler.standardError)
            var logger = Logger(label: "glossa.serve")
            logger.logLevel = .notice
            let server = LookupServer(memoryPath: path, glossary: termbase, host: host, port: port, requestBudget: .seconds(requestTimeout),
                                      readers: readers)
            let outcome = Outcome()
            let host = host
            // The command runs synchronously; the server is async: it runs in a task while
            // this thread waits for it to end.
            Task {
                do {
                    try await server.run(logger: logger) { port in
                        print("Glossa serves \(path) at http://\(host):\(port)/ (Ctrl-C stops)")
                        fflush(nil)
                    }
                } catch {
                    outcome.error = error
                }
                outcome.done.signal()
            }
            outcome.done.wait()
            if let error = outcome.error {
                if error is InputError || error is TextError || error is MemoryError { throw error }
                throw InputError("cannot serve on \(host):\(port): \(error)")
            }
        }
    }

    /// How the server task ended: set before `done` is signalled, read after it is waited for.
    private final class Outcome: @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var error: (any Error)?
    }
}
