import ArgumentParser
import Foundation
import GlossaCore
import GlossaMemory
import GlossaText

/// The `glossa` command: translation memory and terminology for multilingual publishing.
@main
struct Glossa: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Translation memory and terminology for multilingual publishing.",
        discussion: """
        Glossa keeps aligned segments (a sentence and its translations) in
        an SQLite translation memory (TM), finds how a sentence or phrase
        was translated before (lookup, concordance), segments documents
        with ICU, aligns documents with their translations, and checks
        texts and translations against a glossary (glossa check).

        The TM is --tm PATH, else $GLOSSA_TM, else tm/glossa.sqlite under
        the current folder. That default TM is built from the bundled
        sample (tm/seed/*.tsv) the first time a command needs it.

        Exit codes: 0 success; 1 problems found (tm check; check at or
        above --fail-on; terms validate); 2 usage or input error (bad
        arguments, a missing or malformed file, an unusable TM). On any
        error a TM is left exactly as it was.
        """,
        version: "0.1.0",
        subcommands: [Segment.self, Import.self, Export.self, Stats.self, TM.self, Lookup.self, ConcordanceSearch.self, Analyze.self, Pretranslate.self, Serve.self, Check.self, Terms.self, Align.self]
    )

    /// Parses, runs, and maps every failure to Glossa's exit codes and a one-line message.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch let error as InputError {
            Diagnostics.fail("\(error)")
        } catch let error as MemoryError {
            Diagnostics.fail("\(error)")
        } catch let error as TextError {
            Diagnostics.fail("\(error)")
        } catch let error as SQLiteError {
            // The memory layer names the file where it can; what escapes it is said as SQLite
            // says it, without ArgumentParser's "Error:".
            Diagnostics.fail("translation memory: \(error)")
        } catch {
            let code = exitCode(for: error)
            if code == .success { Self.exit(withError: error) }  // --help, --version
            if code == .validationFailure {
                Diagnostics.write(fullMessage(for: error))
                Foundation.exit(Diagnostics.usageOrInputError)
            }
            Diagnostics.fail(fullMessage(for: error).isEmpty ? "\(error)" : fullMessage(for: error))
        }
    }
}

/// Where diagnostics go: standard error, one line each, colored only on a terminal.
enum Diagnostics {
    /// Exit code for bad arguments and bad input.
    static let usageOrInputError: Int32 = 2

    static let colorsEnabled = colorsAllowed(on: STDERR_FILENO)

    /// Whether output for people on standard output may be colored.
    static let outputColorsEnabled = colorsAllowed(on: STDOUT_FILENO)

    /// Colors only on a terminal, and never with NO_COLOR or TERM=dumb.
    private static func colorsAllowed(on descriptor: Int32) -> Bool {
        isatty(descriptor) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// Writes a line to standard error.
    static func write(_ message: String) {
        FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
    }

    /// Writes a note such as a progress or first-use message.
    static func note(_ message: String) {
        write("glossa: \(message)")
    }

    /// Writes "glossa: error: …" and exits with the input-error code.
    static func fail(_ message: String) -> Never {
        let label = colorsEnabled ? "\u{1B}[1;31merror:\u{1B}[0m" : "error:"
        write("glossa: \(label) \(message)")
        Foundation.exit(usageOrInputError)
    }
}

/// Output formats for commands that print results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Prints a value as one line of key-sorted JSON on standard output (JSON lines).
func printJSONLine(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// Prints a value as pretty, key-sorted JSON on standard output.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}
