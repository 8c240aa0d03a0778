import Foundation
import GlossaCore
import GlossaFormats
import GlossaMemory
import GlossaText
import GlossaWorkflows
import Hummingbird

/// Units one by one, in the shape of `UnitDocument`:
///
/// - `POST /api/units` with `{"units": [unit, …]}` (at most `batchLimit`): adds them in one
///   transaction, all or nothing, and answers `{"added": N, "duplicates": M, "units": [ids]}`.
/// - `GET /api/units?where=…&text=…&lang=…&page=1&max=20`: a page of the units `glossa tm
///   list` would list (`where` as often as wanted), in id order.
/// - `GET /api/units/{id}`: the unit; 404 when the TM has none of that id.
/// - `PUT /api/units/{id}` with a unit: replaces its texts and what else it sends, keeping its
///   id, its creation stamp, the fields it leaves out, and the notes and codes of each variant
///   whose text it leaves as it was; answers the unit as stored. 409 when another unit holds
///   the same texts and properties.
/// - `DELETE /api/units/{id}`: 204; 404 when there is none.
///
/// New units are stamped created now, replacements changed now, by the request's `author`.
enum UnitRoutes {
    /// Units one `POST /api/units` may add: larger loads go through `POST /api/import`.
    static let batchLimit = 10_000

    static func add(to router: Router<BasicRequestContext>, _ parts: ServerParts) {
        let writes = parts.writes
        router.post("/api/units") { request, context in
            await APIAnswer.answer(context.logger) {
                let batch = try await APIAnswer.decode(UnitBatch.self, from: request, limit: LookupRoutes.bodyLimit,
                                                       example: #"{"units": [{"variants": {"en": "…", "ru": "…"}}]}"#)
                guard batch.units.count <= batchLimit else {
                    throw InputError("at most \(batchLimit) units a request, not \(batch.units.count): send a file to POST /api/import")
                }
                let now = Date()
                let units = try batch.units.enumerated().map { index, document in
                    var unit = try document.unit(index: index)
                    unit.created = Stamp(date: now, author: document.author)
                    return unit
                }
                let (summary, ids) = try await writes.add(units)
                return UnitsAdded(added: summary.added, duplicates: summary.duplicates, units: ids)
            }
        }
        router.get("/api/units") { request, context in
            await APIAnswer.answer(context.logger) {
                let query = try FormQuery(request.uri.query)
                let page = try query.integer("page", default: 1, in: 1...1_000_000), size = try query.integer("max", default: 20, in: 1...200)
                return try await parts.lookups.units(
                    meeting: try query.all("where").map(UnitCondition.init(parsing:)), holding: query["text"].flatMap { $0.isEmpty ? nil : $0 },
                    in: try query["lang"].flatMap { $0.isEmpty ? nil : try LanguageTag($0) }, skipping: (page - 1) * size, limit: size)
            }
        }
        router.get("/api/units/:id") { _, context in
            await APIAnswer.answer(context.logger) {
                let id = try unitID(context)
                guard let unit = try await parts.lookups.unit(id: id) else { throw missing(id) }
                return UnitDocument(id: id, unit: unit)
            }
        }
        router.put("/api/units/:id") { request, context in
            await APIAnswer.answer(context.logger) {
                let id = try unitID(context)
                let document = try await APIAnswer.decode(UnitDocument.self, from: request, limit: LookupRoutes.bodyLimit,
                                                          example: #"{"variants": {"en": "…", "ru": "…"}, "author": "…"}"#)
                let sent = try document.unit()
                let now = Date()
                let (outcome, stored) = try await writes.replace(id: id) { old in
                    revised(old, by: sent, as: document, changed: Stamp(date: now, author: document.author))
                }
                switch outcome {
                case .replaced: return UnitDocument(id: id, unit: stored ?? sent)
                case .noSuchUnit: throw missing(id)
                case .sameAs(let other):
                    throw APIError(status: .conflict, message: "unit \(other) holds the same texts, id and properties: change that one, or delete this one")
                }
            }
        }
        router.delete("/api/units/:id") { _, context in
            do {
                let id = try unitID(context)
                guard try await writes.delete(id: id) else { throw missing(id) }
                return Response(status: .noContent)
            } catch {
                return APIAnswer.failure(error, logger: context.logger)
            }
        }
    }

    /// `sent` (from `document`) as the replacement of `old`: the fields the document leaves
    /// out (`origin`, `context`, `tuid`, `properties`) stay as they were, the old creation stamp
    /// stays, and each variant with the same text as before keeps its codes, dates, notes and
    /// properties.
    static func revised(_ old: TranslationUnit, by sent: TranslationUnit, as document: UnitDocument, changed: Stamp) -> TranslationUnit {
        var unit = sent
        if document.origin == nil { unit.origin = old.origin }
        if document.context == nil { unit.context = old.context }
        if document.tuid == nil { unit.externalID = old.externalID }
        if document.properties == nil { unit.properties = old.properties.filter { !$0.isBookkeeping } }
        unit.created = old.created
        unit.changed = changed
        unit.notes = old.notes
        unit.sourceLanguage = old.sourceLanguage
        // Bookkeeping properties (TMX's usage counts, a PO's references) stay with the unit.
        unit.properties += old.properties.filter(\.isBookkeeping)
        var unclaimed = old.variants
        for index in unit.variants.indices {
            let variant = unit.variants[index]
            guard let match = unclaimed.firstIndex(where: { $0.language == variant.language && $0.text == variant.text }) else { continue }
            unit.variants[index] = unclaimed.remove(at: match)
        }
        return unit
    }

    private static func unitID(_ context: BasicRequestContext) throws -> Int64 {
        guard let text = context.parameters.get("id"), let id = Int64(text), id > 0 else {
            throw InputError("a unit id is a whole number above 0, not '\(context.parameters.get("id") ?? "")'")
        }
        return id
    }

    private static func missing(_ id: Int64) -> APIError {
        APIError.notFound("the TM has no unit \(id)")
    }
}

/// The body of `POST /api/units`.
struct UnitBatch: Decodable {
    let units: [UnitDocument]
}

/// The answer to `POST /api/units`.
struct UnitsAdded: Encodable {
    let added: Int
    let duplicates: Int
    /// Each unit's id, in the order sent: the one added, or the stored unit it repeats.
    let units: [Int64]
}
