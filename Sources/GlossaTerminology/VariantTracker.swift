/// Collects the approved terms a document uses per concept and language, and reports the
/// concepts named two ways ("Kyrgyzstan" beside "Kyrgyz Republic"). Acronyms and
/// abbreviations live beside their full forms and are not rivals; deprecated terms are the
/// business of `deprecated-term`. `Place` is wherever the caller keeps locations.
public struct VariantTracker<Place> {
    private struct Key: Hashable {
        let concept: Int
        let language: String
    }
    private var seen: [Key: [(term: Term, place: Place, text: String)]] = [:]
    private var order: [Key] = []

    public init() {}

    /// Records the occurrences found in one text of the document.
    public mutating func record(_ occurrences: [TermChecker.Occurrence], in text: String, place: (TermMatch) -> Place) {
        for occurrence in occurrences where occurrence.term.effectiveStatus.isApproved && occurrence.term.type?.isShortened != true {
            let key = Key(concept: occurrence.conceptIndex, language: occurrence.term.language.language)
            if seen[key] == nil { order.append(key) }
            seen[key, default: []].append((occurrence.term, place(occurrence.match), TermChecker.slice(text, occurrence.match)))
        }
    }

    /// One finding per occurrence of a variant other than the one to keep: the preferred
    /// term if the document uses it, else the most used.
    public func findings(termbase: Termbase, severity: Severity?) -> [(finding: TextFinding, place: Place)] {
        guard let severity else { return [] }
        var result: [(finding: TextFinding, place: Place)] = []
        for key in order {
            guard let uses = seen[key] else { continue }
            var counts: [String: Int] = [:]
            for use in uses { counts[use.term.text, default: 0] += 1 }
            guard counts.count > 1 else { continue }
            let keep = uses.first { $0.term.status == .preferred }?.term.text
                ?? counts.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
            let keptTerm = uses.first { $0.term.text == keep }!.term
            for use in uses where use.term.text != keep {
                let message = "'\(use.text)' and '\(keptTerm.displayText)' name the same concept in this document: "
                    + "use '\(keptTerm.displayText)' throughout"
                let finding = TextFinding(rule: .inconsistentVariants, severity: severity, message: message, term: use.text,
                                          suggestion: keptTerm.displayText, concept: termbase.concepts[key.concept].id,
                                          language: use.term.language, side: .source, start: 0, end: 0)
                result.append((finding, use.place))
            }
        }
        return result
    }
}
