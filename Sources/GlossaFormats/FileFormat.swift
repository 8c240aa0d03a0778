import Foundation
import GlossaCore
import GlossaSegmentation

/// The file formats Glossa reads units and documents from and writes units to, and the one
/// place that tells a file's format: from its extension, else from its first bytes (a TMX
/// saved as `.xml`, a catalog without `.po`). Import, check, export, segment and align all ask
/// here, so they agree on every file.
public enum FileFormat: String, Sendable, CaseIterable {
    case tmx, xliff, po, tsv, csv, text, markdown, html

    /// Extensions, lower-case without the dot, and their formats: the CAT tools' own XLIFF
    /// (Trados `.sdlxliff`, memoQ `.mqxliff`, Phrase `.mxliff`), gettext templates (`.pot`).
    public static let extensions: [String: FileFormat] = [
        "tmx": .tmx,
        "xlf": .xliff, "xliff": .xliff, "sdlxliff": .xliff, "mqxliff": .xliff, "mxliff": .xliff,
        "po": .po, "pot": .po,
        "tsv": .tsv, "tab": .tsv, "csv": .csv,
        "txt": .text, "text": .text,
        "md": .markdown, "markdown": .markdown,
        "html": .html, "htm": .html, "xhtml": .html,
    ]

    /// Media types a client may declare a file with (an HTTP upload's Content-Type), and their formats.
    public static let mediaTypes: [String: FileFormat] = [
        "application/x-tmx+xml": .tmx, "application/tmx+xml": .tmx,
        "application/xliff+xml": .xliff, "application/x-xliff+xml": .xliff,
        "text/x-gettext-translation": .po, "text/x-po": .po, "application/x-po": .po, "application/x-gettext": .po,
        "text/tab-separated-values": .tsv, "text/csv": .csv,
        "text/plain": .text, "text/markdown": .markdown, "text/html": .html,
    ]

    /// The format a media type names (parameters such as `charset` aside), if it names one.
    public init?(mediaType: String) {
        let type = mediaType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard let format = Self.mediaTypes[type] else { return nil }
        self = format
    }

    /// Whether the format holds translation units (TMX, XLIFF, PO, TSV, CSV), not a document.
    public var holdsUnits: Bool { document == nil }

    /// The format `path`'s extension names, if it names one.
    public init?(path: String) {
        guard let format = Self.extensions[(path as NSString).pathExtension.lowercased()] else { return nil }
        self = format
    }

    /// The format of a file named `path` that begins with `head`: its extension's, else the
    /// one its first bytes show (an XML root of `tmx` or `xliff`, an HTML document, a gettext
    /// header), else nil.
    public init?(path: String, head: some Collection<UInt8>) {
        if let format = FileFormat(path: path) {
            self = format
            return
        }
        guard let format = Self.sniff(head) else { return nil }
        self = format
    }

    /// The format of the file at `path`, looking at its first kilobytes when the extension
    /// does not say; nil when neither tells. Standard input ("-") is told by name only.
    public static func of(file path: String) -> FileFormat? {
        if let format = FileFormat(path: path) { return format }
        guard path != "-", let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return FileFormat(path: path, head: (try? handle.read(upToCount: 4096)) ?? Data())
    }

    /// The document format a segmenter reads this as, for documents.
    public var document: DocumentFormat? {
        switch self {
        case .text: .text
        case .markdown: .markdown
        case .html: .html
        case .tmx, .xliff, .po, .tsv, .csv: nil
        }
    }

    /// The table dialect, for TSV and CSV.
    public var dialect: TabularReader.Dialect? {
        switch self {
        case .tsv: .tsv
        case .csv: .csv
        default: nil
        }
    }

    /// The document format of a file that is read as a document: its own, plain text when
    /// nothing says otherwise (a `.txt`, a file with no extension).
    public static func document(of path: String) -> DocumentFormat {
        of(file: path)?.document ?? .text
    }

    /// What the first bytes of an unnamed file show.
    private static func sniff(_ head: some Collection<UInt8>) -> FileFormat? {
        // UTF-16 files (a BOM) are decoded for the look; bytes past the first kilobytes are not needed.
        let bytes = Array(head.prefix(4096))
        let text: String
        if let bigEndian = SourceText.utf16ByteOrder(bytes) {
            text = String(decoding: SourceText.utf16CodeUnits(Array(bytes.dropFirst(2)), bigEndian: bigEndian), as: UTF16.self)
        } else {
            text = String(decoding: bytes, as: UTF8.self)
        }
        let lowered = text.lowercased()
        if lowered.contains("<tmx") { return .tmx }
        if lowered.contains("<xliff") { return .xliff }
        if lowered.contains("<!doctype html") || lowered.contains("<html") { return .html }
        let trimmed = lowered.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        if trimmed.hasPrefix("msgid ") || trimmed.hasPrefix("msgctxt ") || lowered.contains("\nmsgid \"") { return .po }
        return nil
    }
}
