import GlossaCore
import GlossaText
import GlossaXML

/// An XLIFF 2.0 document to hand to a CAT tool: per source file a `<file>`, per segment a
/// `<unit>` with one `<segment>` holding the source, and the target when there is one. A note
/// of category "glossa:match" says where a target came from; notes of category
/// `x-context-pre` and `x-context-post` hold the segments before and after it, which
/// `XLIFFReader` takes back as the unit's context (for 101 matches).
public struct XLIFF2Document: Sendable {
    /// A segment's translation state (XLIFF 2.0 `state`).
    public enum State: String, Sendable {
        case initial, translated, reviewed, final
    }

    /// One segment.
    public struct Segment: Sendable {
        public let source: String
        public let target: String?
        public let state: State
        public let note: String?
        /// The segments around it in its document.
        public let context: SegmentContext?

        /// A segment; `note` says where the target came from, `context` what surrounds it.
        public init(source: String, target: String?, state: State, note: String? = nil, context: SegmentContext? = nil) {
            self.source = source
            self.target = target
            self.state = state
            self.note = note
            self.context = context
        }
    }

    /// One source document's segments.
    public struct File: Sendable {
        public let original: String
        public let segments: [Segment]

        /// The segments of the document named `original`, in order.
        public init(original: String, segments: [Segment]) {
            self.original = original
            self.segments = segments
        }
    }

    public let sourceLanguage: LanguageTag
    public let targetLanguage: LanguageTag
    public let files: [File]

    /// A document translating `files` from `sourceLanguage` into `targetLanguage`.
    public init(sourceLanguage: LanguageTag, targetLanguage: LanguageTag, files: [File]) {
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.files = files
    }

    /// The document as XML.
    public func rendered() -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" \
            srcLang="\(XMLEscape.attribute(sourceLanguage.canonical))" trgLang="\(XMLEscape.attribute(targetLanguage.canonical))">

            """
        for (fileIndex, file) in files.enumerated() {
            xml += "  <file id=\"f\(fileIndex + 1)\" original=\"\(XMLEscape.attribute(file.original))\">\n"
            for (index, segment) in file.segments.enumerated() {
                xml += "    <unit id=\"u\(index + 1)\">\n"
                let notes = (segment.note.map { [("glossa:match", $0)] } ?? [])
                    + (segment.context?.neighbourProperties.map { ($0.name, $0.value) } ?? [])
                if !notes.isEmpty {
                    xml += "      <notes>" + notes.map { "<note category=\"\($0.0)\">\(Self.content($0.1))</note>" }.joined() + "</notes>\n"
                }
                xml += "      <segment state=\"\(segment.state.rawValue)\">\n"
                xml += "        <source>\(Self.content(segment.source))</source>\n"
                if let target = segment.target { xml += "        <target>\(Self.content(target))</target>\n" }
                xml += "      </segment>\n    </unit>\n"
            }
            xml += "  </file>\n"
        }
        return xml + "</xliff>\n"
    }

    /// Segment text as XLIFF content: escaped, and each character XML 1.0 cannot hold written
    /// as XLIFF 2.0's `<cp hex="…"/>`, which carries it without loss.
    static func content(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !XMLEscape.isAllowed($0) }) else { return XMLEscape.text(text) }
        var result = "", run = ""
        for scalar in text.unicodeScalars {
            if XMLEscape.isAllowed(scalar) {
                run.unicodeScalars.append(scalar)
            } else {
                result += XMLEscape.text(run) + "<cp hex=\"\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))\"/>"
                run = ""
            }
        }
        return result + XMLEscape.text(run)
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
