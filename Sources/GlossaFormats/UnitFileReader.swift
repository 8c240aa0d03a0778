import GlossaCore
import GlossaText

/// Turns a file of translation units (TMX, XLIFF, PO, TSV, CSV) into units with the reader its
/// `FileFormat` names: the one place import and check read such files, so they read each alike.
public struct UnitFileReader: Sendable {
    /// Origin, stamp and size limits recorded on (and checked for) each unit.
    public var origin: ImportOrigin
    /// Read the valid units of a TMX file and report the invalid ones instead of failing.
    public var skipInvalid = false
    /// Read fuzzy PO entries and unconfirmed XLIFF targets too.
    public var includeUnconfirmed = false
    /// Pass a catalog's untranslated entries too, as units with only their source (what a
    /// check reports as untranslated; an import leaves them out).
    public var poIncludesUntranslated = false
    /// Language of PO msgids.
    public var poSourceLanguage: LanguageTag = "en"
    /// Language of a PO catalog whose header names none.
    public var poFallbackLanguage: LanguageTag?
    /// The option that sets `poFallbackLanguage`, for the error when a catalog needs it.
    public var poFallbackOption = "--lang"

    /// A reader recording `origin` on each unit.
    public init(origin: ImportOrigin) {
        self.origin = origin
    }

    /// What a file held besides its units.
    public struct Result: Sendable {
        /// Translations the file marks as not confirmed, left out without `includeUnconfirmed`.
        public var unconfirmed = 0
        /// A TMX file's header.
        public var tmxHeader: TMXHeader?
        /// TMX units `skipInvalid` left out.
        public var skipped: [SkippedUnit] = []
        /// What the file did that the standard allows but a reader should hear of.
        public var warnings: [String] = []
        /// TMX inline codes not paired as the standard requires, kept as written.
        public var illPairedCodes = 0
    }

    /// Passes the units of the file at `path` (`name` in messages), in `format`, to `body` in
    /// file order. PO catalogs are read whole, the other formats streamed. A document format
    /// holds no units and is an `InputError`.
    public func read(file path: String, name: String? = nil, format: FileFormat, _ body: @escaping UnitHandler) throws -> Result {
        let file = name ?? path
        var result = Result()
        switch format {
        case .tmx:
            let read = try TMXReader(origin: origin, skipInvalid: skipInvalid).read(file: path, name: file, body)
            result.tmxHeader = read.header
            result.skipped = read.skipped
            result.warnings = read.warnings
            result.illPairedCodes = read.illPairedCodes
        case .xliff:
            result.unconfirmed = try XLIFFReader(origin: origin, includeUnconfirmed: includeUnconfirmed).read(file: path, name: file, body)
        case .po:
            let reader = POReader(origin: origin, sourceLanguage: poSourceLanguage, fallbackLanguage: poFallbackLanguage,
                                  fallbackOption: poFallbackOption, includeFuzzy: includeUnconfirmed,
                                  includeUntranslated: poIncludesUntranslated)
            result.unconfirmed = try reader.read(try POReader.sourceText(bytes: InputFile.contents(of: path), file: file), body)
        case .tsv, .csv:
            try TabularReader.read(file: path, name: file, dialect: format.dialect ?? .tsv, origin: origin, body)
        case .text, .markdown, .html:
            throw InputError("a \(format.rawValue) document holds no translation units", file: file)
        }
        return result
    }
}
