import Foundation
import GlossaXML

/// One XLIFF text (a `source`, a `target`, or one segment `mrk` of them) as the TM keeps it:
/// plain text with placeholders for matching, and, once it has inline codes, the same text as
/// TMX level-2 markup, so an export hands the codes on as codes instead of as placeholder
/// text that another tool would take for words.
///
/// XLIFF codes map onto TMX's: a paired code (1.2 `g`, 2.0 `pc`, and `bx`/`ex` or `sc`/`ec`
/// that pair within the text) becomes `bpt`/`ept`; a standalone one (`x`, 2.0 `ph`) a `ph`;
/// one whose partner is outside the text (in another segment, or none) an `it`. Their native
/// data is the original code a 2.0 unit's `originalData` gives for them (`dataRef`) or a
/// Trados file's tag definitions give for their id (`<cf bold=True>`), else the XLIFF tag
/// itself (`<g id="pt1">`). XLIFF 1.2's own `bpt`, `ept`, `ph` and `it` carry native
/// data already and keep it. Codes are numbered in order from 1 (`i` of a pair,
/// `x` of the others), and the placeholders are those the TMX reader derives from that
/// markup, so a segment reads the same whether it came from the XLIFF or from the TMX
/// exported from it.
struct XLIFFInlineText {
    /// The plain text, codes as placeholders: `{1}` … `{/1}` around paired content, `{2/}`.
    private(set) var text = ""
    /// The markup as written so far; a `bpt` in it may still lack its `ept`.
    private var written: String?
    /// UTF-8 bytes of the markup written so far: what the segment limit weighs.
    var markupLength: Int { written?.utf8.count ?? 0 }
    /// Codes numbered so far.
    private var count = 0
    /// The paired codes open, innermost last (`g`, `pc`: closed by nesting): number, and the
    /// native data of the end.
    private var open: [(number: Int, end: String)] = []
    /// A 2.0 unit's original code by `data` id, for the codes that refer to it.
    private let originalData: [String: String]
    /// The native codes a Trados file defines for its 1.2 code ids (`tag-defs`).
    private let nativeCodes: [String: NativeCode]

    /// The native code a Trados file defines for a code id: a paired code's start and end, a
    /// standalone code's start.
    struct NativeCode: Equatable {
        var start: String?
        var end: String?
    }

    /// An empty text whose codes' `dataRef`s point into `originalData`, and whose 1.2 code ids
    /// into `nativeCodes`.
    init(originalData: [String: String] = [:], nativeCodes: [String: NativeCode] = [:]) {
        self.originalData = originalData
        self.nativeCodes = nativeCodes
    }
    /// Numbers of begun pairs by their XLIFF key (1.2 `bpt` by `rid` or `id`, `bx` by `rid`,
    /// 2.0 `sc` by `id`); what is left at the end began here and ends elsewhere.
    private var pairs: [String: Int] = [:]
    /// TMX code elements open whose content is native data (1.2 `bpt`, `ept`, `ph`, `it`),
    /// innermost last; nil for an element inside one that adds no markup of its own.
    private var native: [String?] = []

    /// TMX level-2 markup; nil while no code has been met. A pair begun and not ended here
    /// (its end is in another segment) is an isolated code: its `bpt` becomes an `it`.
    var markup: String? {
        guard var markup = written, !pairs.isEmpty else { return written }
        for number in pairs.values {
            guard let start = markup.range(of: "<bpt i=\"\(number)\">"),
                  let end = markup.range(of: "</bpt>", range: start.upperBound..<markup.endIndex) else { continue }
            markup.replaceSubrange(end, with: "</it>")
            markup.replaceSubrange(start, with: "<it pos=\"begin\" x=\"\(number)\">")
        }
        return markup
    }

    /// Appends character data: segment text, or native data inside a code.
    mutating func append(_ string: String) {
        if !native.isEmpty {
            written! += XMLEscape.text(string)
            return
        }
        text += string
        if written != nil { written! += XMLEscape.text(string) }
    }

    /// An XLIFF element starts inside the text. `version2` tells 2.0's empty `ph` from 1.2's.
    mutating func start(_ element: XMLElementStart, version2: Bool) {
        let id = element[attribute: "id"]
        if !native.isEmpty {
            // Inside native data only `sub` (translatable text within a code) has a TMX form.
            native.append(element.localName == "sub" ? "sub" : nil)
            if element.localName == "sub" { written! += "<sub>" }
            return
        }
        /// The code's original data when the unit or the file's tag definitions give it (the
        /// `end` of a pair for a closing code), else its tag.
        func data(_ reference: String = "dataRef", end: Bool = false) -> String {
            if let data = element[attribute: reference].flatMap({ originalData[$0] }) { return data }
            if let code = id.flatMap({ nativeCodes[$0] }), let data = end ? code.end : code.start ?? code.end { return data }
            return TMXInline.startTag(element, empty: element.localName != "g" && element.localName != "pc")
        }
        switch element.localName {
        case "g", "pc":
            let number = next()
            open.append((number, element[attribute: "dataRefEnd"].flatMap { originalData[$0] } ?? id.flatMap { nativeCodes[$0]?.end }
                ?? "</\(element.localName)>"))
            code("bpt", "i=\"\(number)\"", placeholder: "{\(number)}", data: data("dataRefStart"))
        case let name where name == "x" || (name == "ph" && version2):
            let number = next()
            code("ph", "x=\"\(number)\"", placeholder: "{\(number)/}", data: data())
        case let name where name == "bx" || (name == "sc" && element[attribute: "isolated"] != "yes"):
            // Paired by 1.2's rid or 2.0's id; without one, isolated.
            let number = next()
            let data = data()
            guard let key = element[attribute: element.localName == "sc" ? "id" : "rid"] else {
                return code("it", "pos=\"begin\" x=\"\(number)\"", placeholder: "{\(number)}", data: data)
            }
            pairs[key] = number
            code("bpt", "i=\"\(number)\"", placeholder: "{\(number)}", data: data)
        case "sc":
            let number = next()
            code("it", "pos=\"begin\" x=\"\(number)\"", placeholder: "{\(number)}", data: data())
        case "ex", "ec":
            let data = data(end: true)
            if let key = element[attribute: element.localName == "ec" ? "startRef" : "rid"], let number = pairs.removeValue(forKey: key) {
                code("ept", "i=\"\(number)\"", placeholder: "{/\(number)}", data: data)
            } else {
                let number = next()
                code("it", "pos=\"end\" x=\"\(number)\"", placeholder: "{/\(number)}", data: data)
            }
        case "bpt":
            let number = next()
            pairs[element[attribute: "rid"] ?? id ?? ""] = number
            openNative("bpt", "i=\"\(number)\"", placeholder: "{\(number)}")
        case "ept":
            if let number = pairs.removeValue(forKey: element[attribute: "rid"] ?? id ?? "") {
                openNative("ept", "i=\"\(number)\"", placeholder: "{/\(number)}")
            } else {
                let number = next()
                openNative("it", "pos=\"end\" x=\"\(number)\"", placeholder: "{/\(number)}")
            }
        case "ph":
            let number = next()
            openNative("ph", "x=\"\(number)\"", placeholder: "{\(number)/}")
        case "it":
            let number = next()
            let begin = element[attribute: "pos"] != "close"
            openNative("it", "pos=\"\(begin ? "begin" : "end")\" x=\"\(number)\"", placeholder: begin ? "{\(number)}" : "{/\(number)}")
        default:
            break  // annotations (mrk, sm, em) keep their text and lose their tags
        }
    }

    /// An XLIFF element ends inside the text.
    mutating func end(_ localName: String) {
        if !native.isEmpty {
            if let element = native.removeLast() { written! += "</\(element)>" }
            return
        }
        guard localName == "g" || localName == "pc" else { return }
        // The closing tag repeats no id: it closes the latest opened.
        guard let (number, data) = open.popLast() else { return }
        code("ept", "i=\"\(number)\"", placeholder: "{/\(number)}", data: data)
    }

    private mutating func next() -> Int {
        count += 1
        return count
    }

    /// A TMX code element with its native data, and its placeholder in the text.
    private mutating func code(_ element: String, _ attributes: String, placeholder: String, data: String) {
        openNative(element, attributes, placeholder: placeholder)
        append(data)
        end(element)
    }

    /// Opens a TMX code element whose content, until it ends, is native data.
    private mutating func openNative(_ element: String, _ attributes: String, placeholder: String) {
        if written == nil { written = XMLEscape.text(text) }
        text += placeholder
        written! += "<\(element) \(attributes)>"
        native.append(element)
    }
}
