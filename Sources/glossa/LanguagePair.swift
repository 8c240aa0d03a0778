import ArgumentParser
import GlossaLookup
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
        try LanguageDirection.tags(from: from, to: to)
    }
}
