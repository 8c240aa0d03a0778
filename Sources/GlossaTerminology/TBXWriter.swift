import GlossaText
import GlossaXML

/// Writes a termbase as TBX v3 in the TBX-Basic dialect, DCA style: valid against LTAC's
/// TBX-Basic RelaxNG schema, with data category values from its picklists (a part of speech
/// outside the picklist is written as a note so nothing is lost).
public enum TBXWriter {
    /// The TBX-Basic document for `termbase`.
    public static func write(_ termbase: Termbase, sourceDescription: String = "Exported by Glossa") -> String {
        let mainLanguage = termbase.languages.first?.canonical ?? "en"
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <tbx style="dca" type="TBX-Basic" xml:lang="\(XMLEscape.attribute(mainLanguage))" xmlns="urn:iso:std:iso:30042:ed-2">
          <tbxHeader>
            <fileDesc>
              <sourceDesc>
                <p>\(XMLEscape.text(sourceDescription))</p>
              </sourceDesc>
            </fileDesc>
          </tbxHeader>
          <text>
            <body>

        """
        var usedIDs = Set<String>()
        for concept in termbase.concepts {
            let id = uniqueID(for: concept.id, used: &usedIDs)
            out += "      <conceptEntry id=\"\(XMLEscape.attribute(id))\">\n"
            if let subject = concept.subjectField { out += element("descrip", type: "subjectField", subject, indent: 8) }
            if let definition = concept.definitions[""] { out += element("descrip", type: "definition", definition, indent: 8) }
            for note in concept.notes { out += element("note", type: nil, note, indent: 8) }
            for language in languages(of: concept) {
                out += "        <langSec xml:lang=\"\(XMLEscape.attribute(language.canonical))\">\n"
                if let definition = concept.definitions[language.canonical] {
                    out += element("descrip", type: "definition", definition, indent: 10)
                }
                for term in concept.terms where term.language == language {
                    out += termSection(term)
                }
                out += "        </langSec>\n"
            }
            out += "      </conceptEntry>\n"
        }
        out += "    </body>\n  </text>\n</tbx>\n"
        return out
    }

    private static let partsOfSpeech: Set<String> = ["noun", "verb", "adjective", "adverb", "other"]

    private static func termSection(_ term: Term) -> String {
        var out = "          <termSec>\n"
        out += "            <term>\(XMLEscape.text(term.text))</term>\n"
        if let status = term.status { out += element("termNote", type: "administrativeStatus", status.tbxValue, indent: 12) }
        var notes = term.notes
        if let pos = term.partOfSpeech {
            if partsOfSpeech.contains(pos) { out += element("termNote", type: "partOfSpeech", pos, indent: 12) }
            else if pos == "properNoun" { out += element("termNote", type: "partOfSpeech", "noun", indent: 12) }
            else { notes.append("partOfSpeech: \(pos)") }
        }
        if let type = term.type { out += element("termNote", type: "termType", type.rawValue, indent: 12) }
        if let caseSensitive = term.caseSensitive, caseSensitive != Term(term.text, language: term.language, type: term.type).matchesCase {
            notes.append(caseSensitive ? "case-sensitive" : "case-insensitive")
        }
        for note in notes { out += element("note", type: nil, note, indent: 12) }
        return out + "          </termSec>\n"
    }

    private static func element(_ name: String, type: String?, _ text: String, indent: Int) -> String {
        let attribute = type.map { " type=\"\($0)\"" } ?? ""
        return String(repeating: " ", count: indent) + "<\(name)\(attribute)>\(XMLEscape.text(text))</\(name)>\n"
    }

    private static func languages(of concept: Concept) -> [LanguageTag] {
        var seen = Set<LanguageTag>()
        return concept.terms.map(\.language).filter { seen.insert($0).inserted }
    }

    /// An `xml:id`-compatible id (an NCName, unique in the file) close to the concept's own.
    private static func uniqueID(for id: String, used: inout Set<String>) -> String {
        var name = String(id.unicodeScalars.map { scalar -> Character in
            let ok = scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "-_.".unicodeScalars.contains(scalar)
            return ok ? Character(scalar) : "-"
        })
        if let first = name.unicodeScalars.first, !(first.properties.isAlphabetic || first == "_") { name = "c-" + name }
        if name.isEmpty { name = "c" }
        var candidate = name
        var counter = 2
        while !used.insert(candidate).inserted {
            candidate = "\(name)-\(counter)"
            counter += 1
        }
        return candidate
    }
}
