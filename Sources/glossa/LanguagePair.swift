import ArgumentParser
import GlossaText

/// The `--from` / `--to` pair of the commands that read the TM in one direction (lookup,
/// concordance, analyze, pretranslate). Any two languages of the TM's units make a direction.
struct LanguagePair: ParsableArguments {
    @Option(help: "Language looked up in: the segment, query or documents (BCP-47; en also finds en-GB).")
    var from: String = "en"

    @Option(help: "Language of the translations (BCP-47).")
    var to: String = "ru"

    /// The two tags, canonicalized; an invalid tag is an input error.
    func tags() throws -> (from: LanguageTag, to: LanguageTag) {
        (try LanguageTag(from), try LanguageTag(to))
    }
}
