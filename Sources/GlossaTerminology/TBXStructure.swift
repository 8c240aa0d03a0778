/// The TBX v3 core structure (ISO 30042:2019) as content models: what `TBXValidator`
/// checks every TBX file against, written from LTAC's `TBXcoreStructV03.rng`.
enum TBXStructure {
    /// The TBX namespace, as ISO 30042:2019's schemas spell it.
    static let namespace = "urn:iso:std:iso:30042:ed-2"
    /// Every spelling of it in use: LTAC's later dialect files write the third edition's.
    static let namespaces: Set<String> = [namespace, "urn:iso:std:iso:30042:ed:3.0"]

    /// One step of a content model: one of `names`, between `min` and `max` times.
    struct Particle {
        let names: Set<String>
        let min: Int
        let max: Int
    }

    /// What an element may hold.
    struct Model {
        /// Child elements, in this order.
        let particles: [Particle]
        /// Whether character data may appear among the children.
        let text: Bool
        /// Attributes it must have.
        let required: [String]
    }

    /// Elements written in another namespace (DCT-style data categories) may stand where
    /// these do.
    static let foreignStandIns: Set<String> = ["admin", "adminNote", "descrip", "descripNote", "ref", "termNote",
                                                "transac", "transacNote", "xref"]

    private static let auxInfo: Set<String> = ["admin", "adminGrp", "descrip", "descripGrp", "note", "ref", "transacGrp", "xref"]
    private static let noteLinkInfo: Set<String> = ["admin", "adminGrp", "note", "ref", "transacGrp", "xref"]
    private static let noteText: Set<String> = ["ec", "foreign", "hi", "ph", "sc"]

    private static func one(_ name: String) -> Particle { Particle(names: [name], min: 1, max: 1) }
    private static func optional(_ name: String) -> Particle { Particle(names: [name], min: 0, max: 1) }
    private static func many(_ names: Set<String>, atLeast min: Int = 0) -> Particle { Particle(names: names, min: min, max: .max) }
    private static func elements(_ particles: Particle..., required: [String] = []) -> Model {
        Model(particles: particles, text: false, required: required)
    }
    private static func mixed(_ inline: Set<String>, required: [String] = []) -> Model {
        Model(particles: inline.isEmpty ? [] : [many(inline)], text: true, required: required)
    }

    /// The content model of each core element.
    static let models: [String: Model] = [
        "tbx": elements(one("tbxHeader"), one("text"), required: ["xml:lang", "type", "style"]),
        "tbxHeader": elements(one("fileDesc"), optional("encodingDesc"), optional("revisionDesc")),
        "fileDesc": elements(optional("publicationStmt"), optional("titleStmt"), one("sourceDesc")),
        "titleStmt": elements(one("title"), many(["note"])),
        "title": mixed([]),
        "publicationStmt": elements(many(["p"], atLeast: 1)),
        "sourceDesc": elements(many(["p"], atLeast: 1)),
        "encodingDesc": elements(many(["p"], atLeast: 1)),
        "revisionDesc": elements(many(["change"], atLeast: 1)),
        "change": elements(many(["p"], atLeast: 1)),
        "p": mixed(noteText),
        "text": elements(optional("body"), optional("back")),
        "body": elements(many(["conceptEntry"], atLeast: 1)),
        "back": elements(many(["refObjectSec"])),
        "refObjectSec": elements(many(["refObject"], atLeast: 1), required: ["type"]),
        "refObject": elements(many(["itemSet", "itemGrp", "item"], atLeast: 1)),
        "itemSet": elements(many(["itemGrp", "item"], atLeast: 1)),
        "itemGrp": elements(one("item"), many(noteLinkInfo)),
        "item": mixed(noteText),
        "conceptEntry": elements(many(auxInfo), many(["langSec"], atLeast: 1), required: ["id"]),
        "langSec": elements(many(auxInfo), many(["termSec"], atLeast: 1), required: ["xml:lang"]),
        "termSec": elements(one("term"), many(["termNote", "termNoteGrp"]), many(auxInfo)),
        "term": mixed(["hi"]),
        "termNoteGrp": elements(one("termNote"), many(noteLinkInfo)),
        "adminGrp": elements(one("admin"), many(["adminNote", "note", "ref", "xref"])),
        "descripGrp": elements(one("descrip"), many(["admin", "adminGrp", "descripNote", "note", "ref", "transacGrp", "xref"])),
        "transacGrp": elements(one("transac"), many(["date", "note", "ref", "transacNote", "xref"])),
        "admin": mixed(noteText, required: ["type"]),
        "descrip": mixed(noteText, required: ["type"]),
        "termNote": mixed(noteText, required: ["type"]),
        "note": mixed(noteText),
        "foreign": mixed(noteText),
        "adminNote": mixed([], required: ["type"]),
        "descripNote": mixed([], required: ["type"]),
        "ref": mixed([], required: ["type"]),
        "transac": mixed([], required: ["type"]),
        "transacNote": mixed([], required: ["type"]),
        "xref": mixed([], required: ["target", "type"]),
        "date": mixed([]),
        "hi": mixed([]),
        "ph": elements(),
        "sc": elements(required: ["id"]),
        "ec": elements(),
    ]
}

/// The data categories a TBX dialect allows (DCA style), from LTAC's TBX-Basic and TBX-Min
/// Schematron rules: permitted `type` values per element, the levels each may appear at, and
/// picklists.
struct TBXDialect {
    /// The dialect's name as `tbx@type` gives it.
    let name: String
    /// Permitted `type` values per element.
    let types: [String: Set<String>]
    /// For a data category, the elements it may sit in (directly, or through a `…Grp`).
    let levels: [String: Set<String>]
    /// Allowed values of picklist data categories.
    let picklists: [String: Set<String>]

    /// Values of `usageStatus`, which LTAC's test files still use although the 2019 schemas
    /// dropped it; accepted in both dialects for compatibility, like "creation" as a
    /// transaction type.
    static let usageStatus: Set<String> = ["preferred", "admitted", "notRecommended", "obsolete", "deprecated"]

    private static let statusValues: Set<String> = ["preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                                                    "supersededTerm-admn-sts"]

    static let basic = TBXDialect(
        name: "TBX-Basic",
        types: [
            "admin": ["customerSubset", "projectSubset", "source"],
            "descrip": ["subjectField", "context", "definition"],
            "ref": ["crossReference"],
            "termNote": ["administrativeStatus", "partOfSpeech", "geographicalUsage", "grammaticalGender", "termLocation",
                         "termType", "usageStatus"],
            "transac": ["transactionType"],
            "transacNote": ["responsibility"],
            "xref": ["externalCrossReference", "xGraphic"],
        ],
        levels: [
            "subjectField": ["conceptEntry"], "context": ["termSec"], "definition": ["conceptEntry", "langSec"],
            "customerSubset": ["conceptEntry", "termSec"], "projectSubset": ["conceptEntry", "termSec"],
            "source": ["conceptEntry", "langSec", "termSec"], "crossReference": ["conceptEntry", "termSec"],
            "transactionType": ["conceptEntry", "langSec", "termSec"], "responsibility": ["conceptEntry", "langSec", "termSec"],
            "externalCrossReference": ["conceptEntry", "langSec", "termSec"], "xGraphic": ["conceptEntry", "langSec"],
        ],
        picklists: [
            "administrativeStatus": statusValues, "usageStatus": usageStatus,
            "partOfSpeech": ["adjective", "noun", "other", "verb", "adverb"],
            "grammaticalGender": ["masculine", "feminine", "neuter", "other"],
            "termType": ["fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"],
            "termLocation": ["checkBox", "comboBox", "comboBoxElement", "dialogBox", "groupBox", "informativeMessage",
                             "interactiveMessage", "menuItem", "progressBar", "pushButton", "radioButton", "slider", "spinBox",
                             "tab", "tableText", "textBox", "toolTip", "user-definedType"],
            // "creation" is not in the 2019 picklist, but LTAC's good test file uses it.
            "transactionType": ["origination", "modification", "creation"],
        ])

    static let minimal = TBXDialect(
        name: "TBX-Min",
        types: [
            "admin": ["customerSubset"], "descrip": ["subjectField"],
            "termNote": ["administrativeStatus", "partOfSpeech", "usageStatus"], "xref": ["externalCrossReference"],
        ],
        levels: [
            "subjectField": ["conceptEntry"], "customerSubset": ["conceptEntry", "termSec"],
            "externalCrossReference": ["conceptEntry", "langSec", "termSec"],
        ],
        picklists: [
            "administrativeStatus": statusValues, "usageStatus": usageStatus,
            "partOfSpeech": ["adjective", "noun", "other", "verb", "adverb"],
        ])
}
