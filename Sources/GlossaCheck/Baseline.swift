import Foundation
import GlossaCore
import GlossaTerminology

/// Findings accepted as they are, so CI can adopt the check on an existing corpus and fail
/// only on new findings. Entries are matched by content (rule, file, unit, language, term
/// and the text around it), not by line, so edits elsewhere in a file do not revive them; a
/// finding that occurs more often than the baseline recorded is new.
public struct Baseline: Codable, Sendable, Equatable {
    /// One accepted finding.
    public struct Entry: Codable, Sendable, Equatable {
        public var rule: String
        public var file: String
        public var unit: String?
        public var language: String
        public var term: String
        public var excerpt: String
        /// How many identical findings are accepted.
        public var count: Int

        var fingerprint: String {
            Finding(file: file, rule: rule, severity: .note, message: "", term: term, unit: unit, language: language,
                    concept: "", excerpt: excerpt).fingerprint
        }
    }

    /// The format version of the file.
    public var version = 1
    /// The accepted findings.
    public var entries: [Entry]

    /// A baseline accepting every finding given.
    public init(findings: [Finding]) {
        var entries: [Entry] = []
        var index: [String: Int] = [:]
        for finding in findings {
            if let at = index[finding.fingerprint] { entries[at].count += 1; continue }
            index[finding.fingerprint] = entries.count
            entries.append(Entry(rule: finding.rule, file: finding.file, unit: finding.unit, language: finding.language,
                                 term: finding.term, excerpt: finding.excerpt, count: 1))
        }
        self.entries = entries
    }

    /// Reads a baseline file written by `write(to:)`.
    public static func load(path: String) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else { throw InputError("no such baseline", file: path) }
        do { return try JSONDecoder().decode(Baseline.self, from: data) } catch {
            throw InputError("not a Glossa baseline (\(error.localizedDescription))", file: path)
        }
    }

    /// Writes the baseline as JSON.
    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do { try (try encoder.encode(self) + Data("\n".utf8)).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw InputError("cannot write the baseline", file: path)
        }
    }

    /// The findings the baseline does not accept.
    public func newFindings(in findings: [Finding]) -> [Finding] {
        var remaining = Dictionary(entries.map { ($0.fingerprint, $0.count) }, uniquingKeysWith: +)
        return findings.filter { finding in
            guard let left = remaining[finding.fingerprint], left > 0 else { return true }
            remaining[finding.fingerprint] = left - 1
            return false
        }
    }
}

extension Finding {
    /// A finding with only the fields that identify it (for baseline matching).
    init(file: String, rule: String, severity: Severity, message: String, term: String, unit: String?, language: String,
         concept: String, excerpt: String) {
        self.init(file: file, line: nil, column: nil, endColumn: nil, rule: rule, severity: severity, message: message,
                  term: term, suggestion: nil, unit: unit, language: language, concept: concept, excerpt: excerpt)
    }
}
