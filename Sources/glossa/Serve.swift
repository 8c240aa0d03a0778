import ArgumentParser
import Foundation
import GlossaCore
import GlossaMemory
import GlossaServer
import GlossaWorkflows
import GlossaTerminology
import GlossaText
import Logging
import Metrics
import Prometheus

extension Glossa {
    /// `glossa serve`: the TM's lookups over HTTP, and a search page for the browser.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the TM's lookups over HTTP, with a search page for the browser.",
            discussion: """
            Opens http://HOST:PORT/, a page where translators look segments up
            and search the TM in any language direction, and a JSON API for
            CAT tools, platforms and scripts (answers as --format json does):

              GET  /api/lookup?q=TEXT&from=en&to=ru&min=75&max=5
              POST /api/lookup   {"segments": ["…"], "from": "en", "to": "ru", "min": 75}
                                 one array of matches per segment, in order (1,000 at most)
              GET  /api/concordance?q=QUERY&from=en&to=ru&page=1&max=20
              GET  /api/terms?q=TEXT&from=en&to=ru   (as glossa terms --format json)
              GET  /api/stats    {"units": N, "languages": {"en": N, …}}
              GET  /api/units/ID
              GET  /api/jobs/ID  an import's progress, then its report or error
              GET  /api/export?format=tmx|tsv&langs=en,ru&since=2024-06-01&origin=…
              GET  /tmserver/languages/, /tmserver/SRC/TGT/unit/TEXT
                                 the tmserver API Weblate and amaGama clients call
                                 (also at /api/v1)

            Writes need the write token (Authorization: Bearer TOKEN), from
            GLOSSA_TOKEN or --token-file; without one they answer 403:

              POST   /api/units  {"units": [{"variants": {"en": "…", "ru": "…"},
                                  "origin": "…", "properties": {"k": "v"}}]}
                                 all or nothing; {"added", "duplicates", "units": [ids]}
              PUT    /api/units/ID   {"variants": {…}, "author": "…"}
              DELETE /api/units/ID
              POST   /api/import?format=tmx&name=june.tmx   the file as the body
                                 (TMX, XLIFF, PO, TSV, CSV; up to --import-limit MB);
                                 answers 202 with a job to poll at /api/jobs/ID

            With --read-token-file, reads need a token too (the read or the
            write one); the page, /healthz and /openapi.json stay open.

            The glossary is found as glossa terms finds it (--glossary, the
            config, else glossaries/*.tbx|tsv|csv); without one, /api/terms
            answers 404. The page shows the terms of a segment looked up.

            Every lookup takes the match policy of the config's lookup section
            and of --penalty, --where and --multiple-translations-penalty (see
            glossa lookup); a request adds its own (penalty=…&where=…, or
            "penalties" and "where" in a POST) and may give a segment's
            context (context, prev, next) for 101 matches.

            Query strings are form-encoded ("+" or %20 for a space). Every
            error answers {"error": "…"}: 400 for a bad request, 401 for a
            missing token, 404, 409 for a unit that repeats another, 413 for
            a body too large, 503 while the TM cannot answer. A lookup request
            is given up after --request-timeout seconds (10) with status 503,
            and a POST's lookups stop as soon as its client closes the
            connection. A fuzzy search's work is bounded (README: Lookup).

            On 127.0.0.1 (the default) the server answers requests for
            127.0.0.1 or localhost only. Listening on another address without
            any token is refused unless --allow-anonymous-reads says anyone
            who reaches the port may read the TM. Requests are answered in
            parallel on --readers read connections (one per core; four per
            core for a database, whose lookups wait on round trips); writes
            and imports run one at a time. Each request sees the TM as last
            committed, so an import running beside the server shows up once
            it is done (after one with --defer-index, lookups answer 503 until
            glossa tm index has run).

            A TM in PostgreSQL (--tm postgresql://…) is served the same way,
            and any number of servers may serve one database: a unit written
            through one is found through the others at once, and their writes
            take turns. --read-from URL sends lookups to a streaming standby of
            that database while writes go to --tm, the primary; --readers is
            then the connections to the standby (size both with the
            database's max_connections: README, Operations).

            The server says where it listens on
            standard output and stops on Ctrl-C or SIGTERM, after the requests
            in flight and the import jobs queued.

            Examples:
              glossa serve
              glossa serve --tm work/csto.sqlite --port 8080
              glossa serve --tm postgresql://glossa@db1/tm --read-from postgresql://glossa@db2/tm --readers 8
              GLOSSA_TOKEN=$(cat team.token) glossa serve --host 0.0.0.0 --read-token-file reader.token
              curl 'http://127.0.0.1:8080/api/lookup?q=Collective+Security&min=50'
              curl -H "Authorization: Bearer $GLOSSA_TOKEN" --data-binary @june.tmx \\
                   'http://127.0.0.1:8080/api/import?format=tmx&name=june.tmx'
            """)

        @OptionGroup var tm: TMOptions

        @OptionGroup var glossary: GlossaryOptions
        @OptionGroup var matching: MatchPolicyOptions

        @Option(help: "Address to listen on: 127.0.0.1 for this machine only, 0.0.0.0 for every network.")
        var host = "127.0.0.1"

        @Option(help: "Port to listen on; 0 takes any free one.")
        var port = 8080

        @Option(help: ArgumentHelp("Seconds a lookup request may take before it is given up with status 503.", valueName: "seconds"))
        var requestTimeout = Int(TMServer.defaultRequestBudget.components.seconds)

        @Option(help: ArgumentHelp("Read connections to the TM, each answering one request at a time (default: one per core for a file, four per core for a database).", valueName: "count"))
        var readers: Int?

        @Option(help: ArgumentHelp("A PostgreSQL streaming standby of the --tm database, where lookups read (writes go to --tm).",
                                   valueName: "url"))
        var readFrom: String?

        @Option(help: ArgumentHelp("File holding the token writes need (else GLOSSA_TOKEN; without either, writes are off).", valueName: "file"))
        var tokenFile: String?

        @Option(help: ArgumentHelp("File holding a token reads need (the write token serves too).", valueName: "file"))
        var readTokenFile: String?

        @Flag(help: "Serve another address than 127.0.0.1 without any token: anyone who reaches the port may read the TM.")
        var allowAnonymousReads = false

        @Option(help: ArgumentHelp("Seconds a connection may send nothing before it is closed.", valueName: "seconds"))
        var idleTimeout = Int(TMServer.defaultIdleTimeout.components.seconds)

        @Flag(inversion: .prefixedNo, help: "A line on standard error for each request: method, path, status, latency, request id.")
        var accessLog = true

        @Option(help: ArgumentHelp("Largest file POST /api/import takes, in MB.", valueName: "MB"))
        var importLimit = TMServer.defaultImportLimit >> 20

        func validate() throws {
            if let readers, !(1...256).contains(readers) { throw ValidationError("--readers must be from 1 to 256") }
            guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
            guard requestTimeout >= 1 else { throw ValidationError("--request-timeout must be at least 1 second") }
            guard idleTimeout >= 1 else { throw ValidationError("--idle-timeout must be at least 1 second") }
            guard (1...1 << 20).contains(importLimit) else { throw ValidationError("--import-limit must be from 1 to 1048576 MB") }
            if let readFrom, !TMStores.isDatabase(readFrom) || !TMStores.isDatabase(tm.resolved.path) {
                throw ValidationError("--read-from takes a PostgreSQL URL (\(readFrom) is not one), with --tm the primary's URL")
            }
        }

        /// The tokens, from their files and GLOSSA_TOKEN; throws for a file that cannot be read.
        func accessTokens() throws -> AccessTokens {
            func token(in file: String?) throws -> String? {
                try file.map { String(decoding: try InputFile.contents(of: $0), as: UTF8.self) }
            }
            let access = AccessTokens(write: try token(in: tokenFile) ?? ProcessInfo.processInfo.environment["GLOSSA_TOKEN"],
                                      read: try token(in: readTokenFile))
            if !access.guardsAnything && !TMServer.isLoopback(host) && !allowAnonymousReads {
                throw ValidationError("""
                    --host \(host) serves other machines, and no token is set: set GLOSSA_TOKEN or --token-file (writes) \
                    and --read-token-file (reads), or say --allow-anonymous-reads to let anyone who reaches the port read the TM
                    """)
            }
            return access
        }

        func run() throws {
            let access = try accessTokens()
            // Builds the default TM on first use, and indexes what an import deferred.
            let location = try tm.locationBuildingDefault()
            _ = try tm.openForSearch(warningAbout: [])
            let settings = try glossary.configuration()
            let policy = try matching.policy(settings)
            let termbase: Termbase?
            do {
                termbase = try glossary.termbase(settings, languages: nil)
            } catch is ValidationError {
                Diagnostics.note("note: no glossary, so /api/terms is off (give --glossary FILE)")
                termbase = nil
            }
            LoggingSystem.bootstrap(StreamLogHandler.standardError)
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: TMServer.metricsRegistry))
            var logger = Logger(label: "glossa.serve")
            logger.logLevel = accessLog ? .info : .notice
            var server = TMServer(location: location, glossary: termbase, host: host, port: port, requestBudget: .seconds(requestTimeout),
                                  readers: readers)
            server.access = access
            server.policy = policy
            server.readLocation = readFrom
            server.importLimit = importLimit << 20
            server.accessLog = accessLog
            server.idleTimeout = .seconds(idleTimeout)
            if !access.guardsAnything && !TMServer.isLoopback(host) {
                Diagnostics.note("note: no token is set: anyone who reaches port \(port) may read the TM (writes are off)")
            }
            let outcome = Outcome()
            let host = host
            // The command runs synchronously; the server is async: it runs in a task while
            // this thread waits for it to end.
            Task {
                do {
                    try await server.run(logger: logger) { port in
                        print("Glossa serves \(TMStores.name(of: location)) at http://\(host):\(port)/ (Ctrl-C stops)")
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
