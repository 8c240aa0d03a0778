import GlossaCore
import GlossaMemory
import GlossaText

/// What an import does with a unit whose source the TM already holds — the same text in the
/// unit's source language (its `srclang`, else its first variant's) — as Trados's import
/// options offer.
public enum ConflictPolicy: String, Sendable, CaseIterable, Codable {
    /// Add it beside the stored ones: a source may have several translations (the default).
    case add
    /// Replace the stored units of that source with it.
    case overwrite
    /// Keep the stored units and leave it out.
    case keep
    /// Keep whichever is newer (last changed, else created); equal dates keep the stored.
    case newest
}

/// How an import under a `ConflictPolicy` other than `add` resolves its units against the TM
/// and among themselves (of several units of one source in the files, `keep` takes the
/// first, `overwrite` the last, `newest` the newest), as one set of changes.
struct ImportConflicts {
    let policy: ConflictPolicy

    /// What was decided: the changes to apply, stored units replaced, units of the files
    /// left out.
    struct Resolution {
        var changes = UnitChanges()
        var replaced = 0
        var leftOut = 0
    }

    /// The source of `unit`, as conflicts compare it.
    static func sourceKey(of unit: TranslationUnit) -> String? {
        let source = unit.sourceLanguage.flatMap { unit.variant(covering: $0) } ?? unit.variants.first
        return source.map { "\($0.language.canonical)\u{1F}\($0.text.normalizedForLookup())" }
    }

    private static func date(of unit: TranslationUnit) -> String {
        max(unit.changedAt ?? "", unit.createdAt ?? "")
    }

    /// The changes that bring `incoming` into `store` under the policy.
    func resolve(_ incoming: [TranslationUnit], against store: any UnitStore) throws -> Resolution {
        var resolution = Resolution()
        // One unit per source among the files.
        var chosen: [String: Int] = [:]
        var order: [Int] = []
        for (index, unit) in incoming.enumerated() {
            guard let key = Self.sourceKey(of: unit) else { continue }
            guard let previous = chosen[key] else {
                chosen[key] = index
                order.append(index)
                continue
            }
            resolution.leftOut += 1
            let later = policy == .overwrite || (policy == .newest && Self.date(of: unit) >= Self.date(of: incoming[previous]))
            if later {
                chosen[key] = index
                order[order.firstIndex(of: previous)!] = index
            }
        }
        // The stored units of those sources, with their dates.
        var stored: [String: [(id: Int64, date: String)]] = [:]
        try store.forEachUnit { id, unit in
            if let key = Self.sourceKey(of: unit), chosen[key] != nil { stored[key, default: []].append((id, Self.date(of: unit))) }
        }
        for index in order {
            let unit = incoming[index]
            guard let key = Self.sourceKey(of: unit), let existing = stored[key], !existing.isEmpty else {
                resolution.changes.additions.append(unit)
                continue
            }
            let replaces = switch policy {
            case .add: false
            case .overwrite: true
            case .keep: false
            case .newest: Self.date(of: unit) > existing.map(\.date).max()!
            }
            if replaces {
                resolution.changes.deletions += existing.map(\.id)
                resolution.changes.additions.append(unit)
                resolution.replaced += existing.count
            } else {
                resolution.leftOut += 1
            }
        }
        return resolution
    }
}

/// Keeps the units an import reads, for `ImportConflicts` to resolve before anything is written.
final class CollectedUnits: UnitSink {
    private(set) var units: [TranslationUnit] = []
    var read: Int { units.count }

    func add(_ unit: TranslationUnit) {
        units.append(unit)
    }

    /// File headers are not kept on this path.
    func add(_ document: SourceDocument) {}
}
