import Foundation
import GlossaCore
import GlossaFormats
import GlossaTerminology
import GlossaText
import Yams

/// The check's settings as a repository keeps them in `.glossa.yml`:
///
/// ```yaml
/// glossaries: [glossaries/csto.tbx]
/// include: ["docs/**/*.md", "translations/*.po"]
/// exclude: ["docs/drafts/**"]
/// source: en
/// target: ru
/// fail-on: error            # error, warning, note or never
/// rules:                    # severity per rule, or off
///   inconsistent-variants: warning
///   acronym-not-kept: off
///   length: off
/// ignore-terms: [Organization]
/// allow-same: [GNOME, Bugzilla]   # may stay untranslated (target-equals-source)
/// baseline: .glossa-baseline.json
/// lookup:                   # lookup, pretranslate, analyze and serve
///   multiple-translations-penalty: 1
///   penalties: ["origin=legacy-2019.tmx:5", "author=mt:10"]
///   where: ["x-domain=military"]
/// ```
///
/// Paths are relative to the file's folder. Command-line options override the file.
public struct CheckConfiguration: Sendable, Equatable {
    public var glossaries: [String] = []
    public var include: [String] = []
    public var exclude: [String] = []
    public var sourceLanguage: LanguageTag?
    public var targetLanguage: LanguageTag?
    public var failOn: Severity?? = nil
    /// Severity per rule id (terminology and QA rules), nil for off.
    public var severities: [String: Severity?] = [:]
    public var ignoredTerms: [String] = []
    /// Texts a translation may leave as they are.
    public var allowedSame: [String] = []
    public var baseline: String?
    /// What lookups add to the word score (see `UnitCondition` and `MetadataPenalty`).
    public var lookup = LookupSettings()

    /// The `lookup` section: penalties and filters for every lookup of the project.
    public struct LookupSettings: Sendable, Equatable {
        public var multipleTranslationsPenalty: Int?
        public var penalties: [MetadataPenalty] = []
        public var filters: [UnitCondition] = []

        public init() {}
    }

    public init() {}

    /// The names `check` looks for in the current folder when no `--config` is given.
    public static let defaultNames = [".glossa.yml", ".glossa.yaml", "glossa.yml"]

    private static let keys: Set<String> = ["glossaries", "include", "exclude", "source", "target", "fail-on", "rules",
                                             "ignore-terms", "allow-same", "baseline", "lookup"]

    /// Reads a configuration file; unknown keys, rules and severities are errors, so a typo
    /// never silently turns a check off.
    public static func load(path: String) throws -> CheckConfiguration {
        try load(bytes: Array(FileManager.default.contents(atPath: path) ?? Data()), file: path)
    }

    /// Reads a configuration from its bytes; `file` names it in errors and anchors its relative paths.
    /// The YAML is read as a node tree, not as Swift values: values stay the words written (YAML
    /// 1.1 would read `off` as false and `no` as false too), each key keeps its place for
    /// messages, and a key that is not a word (a list, a map) is an error, not a crash.
    public static func load(bytes: [UInt8], file path: String) throws -> CheckConfiguration {
        let source = try SourceText(bytes: bytes, file: path)
        let root: Node?
        do { root = try Yams.compose(yaml: source.text) } catch let error as YamlError {
            throw yamlError(error, file: path)
        }
        guard let root, root.scalar?.string.isEmpty != true else { return CheckConfiguration() }
        func fail(_ message: String, at node: Node) -> InputError {
            InputError(message, file: path, line: node.mark?.line, column: node.mark?.column)
        }
        guard let mapping = root.mapping else { throw fail("expected a map of settings at the top", at: root) }
        var settings: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else { throw fail("a setting's name must be a word, not a list or a map", at: key) }
            guard keys.contains(name) else {
                throw fail("unknown setting '\(name)' (known: \(keys.sorted().joined(separator: ", ")))", at: key)
            }
            settings[name] = (key, value)
        }
        let folder = (path as NSString).deletingLastPathComponent
        func resolve(_ relative: String) -> String {
            relative.hasPrefix("/") || folder.isEmpty ? relative : (folder as NSString).appendingPathComponent(relative)
        }
        func word(_ name: String) throws -> String? {
            guard let (key, value) = settings[name] else { return nil }
            guard let word = value.scalar?.string else { throw fail("'\(name)' must be one word, not a list or a map", at: key) }
            return word
        }
        func strings(_ name: String) throws -> [String] {
            guard let (key, value) = settings[name] else { return [] }
            if let single = value.scalar?.string { return [single] }
            let words = value.sequence?.compactMap(\.scalar?.string)
            guard let words, words.count == value.sequence?.count else { throw fail("'\(name)' must be a list of strings", at: key) }
            return words
        }
        func language(_ name: String) throws -> LanguageTag? {
            guard let tag = try word(name) else { return nil }
            do { return try LanguageTag(tag) } catch { throw fail("'\(name)': \(error)", at: settings[name]!.key) }
        }
        var configuration = CheckConfiguration()
        configuration.glossaries = try strings("glossaries").map(resolve)
        configuration.include = try strings("include")
        configuration.exclude = try strings("exclude")
        configuration.sourceLanguage = try language("source")
        configuration.targetLanguage = try language("target")
        configuration.ignoredTerms = try strings("ignore-terms")
        configuration.allowedSame = try strings("allow-same")
        configuration.baseline = try strings("baseline").first.map(resolve)
        if let value = try word("fail-on") {
            guard let level = Self.level(value) else { throw fail("'fail-on' must be error, warning, note or never", at: settings["fail-on"]!.key) }
            configuration.failOn = level
        }
        if let (key, value) = settings["rules"] {
            guard let rules = value.mapping else { throw fail("'rules' must map rule ids to severities", at: key) }
            for (idNode, setting) in rules {
                guard let id = idNode.scalar?.string, CheckRules.all.contains(where: { $0.id == id }) else {
                    throw fail("unknown rule '\(idNode.scalar?.string ?? "")' (rules: \(CheckRules.all.map(\.id).joined(separator: ", ")))", at: idNode)
                }
                guard let level = setting.scalar.flatMap({ Self.level($0.string) }) else {
                    throw fail("rule '\(id)': severity must be error, warning, note or off", at: idNode)
                }
                configuration.severities[id] = level
            }
        }
        if let (key, value) = settings["lookup"] {
            configuration.lookup = try lookupSettings(value, at: key, fail: fail)
        }
        return configuration
    }

    /// The `lookup` section's settings; each condition and penalty is parsed here, so a typo
    /// is an error at its line.
    private static func lookupSettings(_ node: Node, at key: Node, fail: (String, Node) -> InputError) throws -> LookupSettings {
        guard let mapping = node.mapping else { throw fail("'lookup' must map settings (multiple-translations-penalty, penalties, where)", key) }
        var settings = LookupSettings()
        for (name, value) in mapping {
            let items: [Node] = value.sequence.map(Array.init) ?? [value]
            func parsed<T>(_ parse: (String) throws(InputError) -> T) throws -> [T] {
                try items.map { item in
                    guard let word = item.scalar?.string else { throw fail("'lookup.\(name.scalar?.string ?? "")' must be a list of strings", item) }
                    do { return try parse(word) } catch let error as InputError { throw fail(error.message, item) }
                }
            }
            switch name.scalar?.string {
            case "multiple-translations-penalty":
                guard let points = value.scalar.flatMap({ Int($0.string) }), (0...100).contains(points) else {
                    throw fail("'lookup.multiple-translations-penalty' must be a number of points from 0 to 100", name)
                }
                settings.multipleTranslationsPenalty = points
            case "penalties": settings.penalties = try parsed(MetadataPenalty.init(parsing:))
            case "where": settings.filters = try parsed(UnitCondition.init(parsing:))
            default: throw fail("unknown lookup setting '\(name.scalar?.string ?? "")' (known: multiple-translations-penalty, penalties, where)", name)
            }
        }
        return settings
    }

    /// A severity, or nil inside for "off"/"never"; nil when the word is not one of them.
    public static func level(_ word: String) -> Severity?? {
        switch word.lowercased() {
        case "off", "never", "false", "none": return .some(nil)
        default: return Severity(rawValue: word.lowercased()).map { .some($0) }
        }
    }

    /// A YAML syntax error as one line at the place libyaml names (Yams's own description
    /// spans several, with the offending line quoted).
    private static func yamlError(_ error: YamlError, file: String) -> InputError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
            return InputError("not valid YAML: \(what)", file: file, line: mark.line, column: mark.column)
        default:
            let firstLine = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
            return InputError("not valid YAML: \(firstLine)", file: file, line: 1, column: 1)
        }
    }

    /// The files under `folder` that the include globs take and the exclude globs leave,
    /// sorted. Without include globs, every file whose extension `check` reads is taken.
    public func files(under folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var result: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            let path = folder == "." ? relative : (folder as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            let included = include.isEmpty ? FileFormat(path: relative) != nil
                : include.contains { Glob($0).matches(relative) }
            if included && !exclude.contains(where: { Glob($0).matches(relative) }) { result.append(path) }
        }
        return result.sorted()
    }

}

/// A path pattern: `*` and `?` within a path segment, `**` across segments, `[…]` classes.
public struct Glob: Sendable {
    private let segments: [Substring]

    public init(_ pattern: String) {
        segments = pattern.split(separator: "/")
    }

    /// Whether a relative path (`docs/news/a.md`) matches.
    public func matches(_ path: String) -> Bool {
        Self.match(segments[...], path.split(separator: "/")[...])
    }

    private static func match(_ pattern: ArraySlice<Substring>, _ path: ArraySlice<Substring>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            return (path.startIndex...path.endIndex).contains { match(pattern.dropFirst(), path[$0...]) }
        }
        guard let segment = path.first, fnmatch(String(head), String(segment), 0) == 0 else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}
