import GlossaCore

/// What a team sets on top of the word score, as Trados and memoQ let a project set it:
/// penalties for a match's metadata and for a source with several translations, and filters
/// that leave units out. Set on the command line, in `.glossa.yml` and per request.
public struct MatchPolicy: Sendable, Equatable {
    /// Points off every match of a source the TM holds several different translations of
    /// (Trados's "multiple translations" penalty, 1 by default there and here).
    public var multipleTranslationsPenalty: Int
    /// Points off a match whose unit meets a condition (`origin=old.tmx:5`).
    public var penalties: [MetadataPenalty]
    /// Conditions every match's unit must meet: others are no match at all.
    public var filters: [UnitCondition]

    public init(multipleTranslationsPenalty: Int = 1, penalties: [MetadataPenalty] = [], filters: [UnitCondition] = []) {
        self.multipleTranslationsPenalty = multipleTranslationsPenalty
        self.penalties = penalties
        self.filters = filters
    }

    /// The policy with no penalty and no filter beyond the default multiple-translations point.
    public static let standard = MatchPolicy()

    /// This policy with `other`'s penalties and filters added, and its multiple-translations
    /// penalty where it sets one: a request's settings on top of a server's.
    public func adding(_ other: MatchPolicy, multipleTranslationsPenalty: Int?) -> MatchPolicy {
        MatchPolicy(multipleTranslationsPenalty: multipleTranslationsPenalty ?? self.multipleTranslationsPenalty,
                    penalties: penalties + other.penalties, filters: filters + other.filters)
    }

    /// Whether `unit` passes every filter.
    func admits(_ unit: some UnitFacts) -> Bool {
        filters.allSatisfy { $0.holds(for: unit) }
    }

    /// The metadata penalties `unit` takes.
    func deductions(for unit: some UnitFacts) -> [Deduction] {
        penalties.filter { $0.condition.holds(for: unit) }.map { Deduction(reason: $0.condition.description, points: $0.points) }
    }
}

/// Points a policy took off a match, and why: `multiple-translations`, or the condition of a
/// metadata penalty its unit met.
public struct Deduction: Sendable, Equatable, Encodable {
    public let reason: String
    public let points: Int

    /// The reason a multiple-translations penalty gives.
    public static let multipleTranslations = "multiple-translations"
}
