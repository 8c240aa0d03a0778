import ArgumentParser
import GlossaCore
import GlossaText

/// The `--from` / `--to` pair of the commands that read the TM in one direction (lookup,
/// concordance, analyze, pretranslate). Any two languages of the TM's units make a direction.
struct LanguagePair: ParsableArguments {
    @Option(help: "Language looked up in: the segment, query or documents (BCP-47; en also finds en-GB).")
    var from: String = "en"

    @Option(help: ArgumentHelp("Language of the translations (BCP-47).",
                               discussion: "Default: ru, or en when --from is Russian."))
    var to: String?

    /// The two tags, canonicalized; an invalid tag, or the same tag twice, is an input error.
    func tags() throws -> (from: LanguageTag, to: LanguageTag) {
        let source = try LanguageTag(from)
        // A translator looking up Russian text wants the other side of the sample's pairs,
        // not "ru → ru" with every translation missing.
        let target = try LanguageTag(to ?? (source.language == "ru" ? "en" : "ru"))
        guard source != target else {
            throw InputError("--from and --to are both \(source): name two languages (--to defaults to ru, or en from ru)")
        }
        return (source, target)
    }
}
