import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaText
import GlossaWorkflows
import Hummingbird

/// TM maintenance over HTTP, as `glossa tm delete`, `tm replace` and `tm dedupe` do it: each
/// a write (the write token), one transaction, queued with the server's other writes, with
/// `"dry_run": true` answering what would change and changing nothing.
///
/// - `POST /api/maintenance/delete` with `{"where": [...], "units": [ids], "text", "lang",
///   "dry_run"}` (a selection is required): `{"units": [ids], "summary": {…}}`.
/// - `POST /api/maintenance/replace` with `{"find", "replace", "lang", "regex", "match_case",
///   "where", "units", "author", "dry_run"}`: `{"changes": [{unit, lang, before, after}],
///   "summary": {…}}`.
/// - `POST /api/maintenance/dedupe` with `{"lang", "keep", "where", "dry_run"}`:
///   `{"sources": [{source, kept, merged, deleted}], "summary": {…}}`.
enum MaintenanceRoutes {
    /// The selection a request sends: `UnitSelectionOptions`'s fields.
    struct Selection: Decodable, Sendable {
        let `where`: [String]?
        let units: [Int64]?
        let text: String?
        let lang: String?

        /// The selection, built where it is used (its compiled expression is not shared).
        func selection(regex: Bool = false) throws -> UnitSelection {
            UnitSelection(conditions: try (`where` ?? []).map(UnitCondition.init(parsing:)), ids: Set(units ?? []),
                          text: try text.map { try UnitSelection.pattern($0, isRegex: regex) }, language: try lang.map { try LanguageTag($0) })
        }

        var isEmpty: Bool { (`where` ?? []).isEmpty && (units ?? []).isEmpty && text == nil }
    }

    struct DeleteRequest: Decodable, Sendable {
        let selection: Selection
        let dryRun: Bool

        init(from decoder: any Decoder) throws {
            selection = try Selection(from: decoder)
            dryRun = try decoder.container(keyedBy: Keys.self).decodeIfPresent(Bool.self, forKey: .dryRun) ?? false
        }
    }

    struct ReplaceRequest: Decodable, Sendable {
        let selection: Selection
        let find: String, replace: String, lang: String
        let regex: Bool, matchCase: Bool, dryRun: Bool
        let author: String?

        init(from decoder: any Decoder) throws {
            selection = try Selection(from: decoder)
            let fields = try decoder.container(keyedBy: Keys.self)
            find = try fields.decode(String.self, forKey: .find)
            replace = try fields.decode(String.self, forKey: .replace)
            lang = try fields.decode(String.self, forKey: .lang)
            regex = try fields.decodeIfPresent(Bool.self, forKey: .regex) ?? false
            matchCase = try fields.decodeIfPresent(Bool.self, forKey: .matchCase) ?? false
            dryRun = try fields.decodeIfPresent(Bool.self, forKey: .dryRun) ?? false
            author = try fields.decodeIfPresent(String.self, forKey: .author)
        }
    }

    struct DedupeRequest: Decodable, Sendable {
        let selection: Selection
        let keep: String?
        let dryRun: Bool

        init(from decoder: any Decoder) throws {
            selection = try Selection(from: decoder)
            let fields = try decoder.container(keyedBy: Keys.self)
            keep = try fields.decodeIfPresent(String.self, forKey: .keep)
            dryRun = try fields.decodeIfPresent(Bool.self, forKey: .dryRun) ?? false
        }
    }

    private enum Keys: String, CodingKey {
        case dryRun = "dry_run", find, replace, lang, regex, matchCase = "match_case", author, keep
    }

    struct Deleted: Encodable, Sendable {
        let units: [Int64]
        let summary: ChangeSummary
    }

    struct Replaced: Encodable, Sendable {
        let changes: [TMMaintenance.ReplacedText]
        let summary: ChangeSummary
    }

    struct Deduped: Encodable, Sendable {
        let sources: [TMMaintenance.DedupedSource]
        let summary: ChangeSummary
    }

    static func add(to router: Router<BasicRequestContext>, _ parts: ServerParts) {
        let writes = parts.writes
        router.post("/api/maintenance/delete") { request, context in
            await APIAnswer.answer(context.logger) {
                let body = try await APIAnswer.decode(DeleteRequest.self, from: request, limit: LookupRoutes.bodyLimit,
                                                      example: #"{"where": ["origin=legacy.tmx"], "dry_run": true}"#)
                guard !body.selection.isEmpty else { throw InputError("say which units: where, units or text (a delete never takes everything)") }
                _ = try body.selection.selection()
                let (ids, summary) = try await writes.run { store in
                    try TMMaintenance.delete(store, try body.selection.selection(), dryRun: body.dryRun)
                }
                return Deleted(units: ids, summary: summary)
            }
        }
        router.post("/api/maintenance/replace") { request, context in
            await APIAnswer.answer(context.logger) {
                let body = try await APIAnswer.decode(ReplaceRequest.self, from: request, limit: LookupRoutes.bodyLimit,
                                                      example: #"{"find": "Organisation", "replace": "Organization", "lang": "en", "dry_run": true}"#)
                let language = try LanguageTag(body.lang)
                _ = try SegmentReplacement(find: body.find, replacement: body.replace, isRegex: body.regex, matchCase: body.matchCase)
                _ = try body.selection.selection()
                let (texts, summary) = try await writes.run { store in
                    let replacement = try SegmentReplacement(find: body.find, replacement: body.replace, isRegex: body.regex, matchCase: body.matchCase)
                    var selection = try body.selection.selection()
                    selection.language = nil
                    selection.text = try UnitSelection.pattern(body.find, isRegex: body.regex)
                    return try TMMaintenance.replace(store, selection, replacement, language: language, author: body.author, dryRun: body.dryRun)
                }
                return Replaced(changes: texts, summary: summary)
            }
        }
        router.post("/api/maintenance/dedupe") { request, context in
            await APIAnswer.answer(context.logger) {
                let body = try await APIAnswer.decode(DedupeRequest.self, from: request, limit: LookupRoutes.bodyLimit,
                                                      example: #"{"lang": "en", "keep": "newest", "dry_run": true}"#)
                guard let keep = TMMaintenance.Keep(rawValue: body.keep ?? "newest") else {
                    throw InputError("keep must be newest, oldest or most-used, not \"\(body.keep ?? "")\"")
                }
                let language = try LanguageTag(body.selection.lang ?? "en")
                _ = try body.selection.selection()
                let (sources, summary) = try await writes.run { store in
                    var selection = try body.selection.selection()
                    selection.language = nil
                    return try TMMaintenance.dedupe(store, selection, language: language, keep: keep, dryRun: body.dryRun)
                }
                return Deduped(sources: sources, summary: summary)
            }
        }
    }
}
