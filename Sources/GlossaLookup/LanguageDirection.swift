import GlossaCore
import GlossaText

/// The two languages of a lookup, concordance or analysis, as a front end receives them:
/// the language looked up in, and the language of the translations, which may be left out.
public enum LanguageDirection {
    /// The two tags, canonicalized. Without `to`, the translations are in Russian, or in
    /// English when `from` is Russian: a translator looking up Russian text wants the other
    /// side of the sample's pairs, not "ru → ru" with every translation missing. An invalid
    /// tag, or the same tag twice, is an `InputError` naming the options as `names` spells them.
    public static func tags(from: String, to: String?, names: (from: String, to: String) = ("--from", "--to")) throws
        -> (from: LanguageTag, to: LanguageTag) {
        let source = try LanguageTag(from)
        let target = try LanguageTag(to ?? (source.language == "ru" ? "en" : "ru"))
        guard source != target else {
            throw InputError("\(names.from) and \(names.to) are both \(source): name two languages (\(names.to) defaults to ru, or en from ru)")
        }
        return (source, target)
    }
}
