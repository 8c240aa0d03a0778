/// The data categories of LTAC's TBX modules as DCT-style TBX writes them, an element each in
/// the module's namespace (`<basic:termType>fullForm</basic:termType>`), from the modules'
/// RelaxNG grammars (`Min.rng`, `Basic.rng`: names, classes, picklists) and Schematron rules
/// (`Min.sch`, `Basic.sch`: the levels each may appear at).
enum TBXModules {
    /// A TBX module: a namespace of data categories.
    enum Module: String, Sendable {
        case min = "TBX-Min module", basic = "TBX-Basic module"
    }

    /// One data category of a module.
    struct Category: Sendable {
        let module: Module
        /// The core element it stands in for (its `metaType`): termNote, descrip, admin, …
        let metaType: String
        /// Its allowed values, when it is a picklist.
        let picklist: Set<String>?
        /// The elements it may sit in, directly or through a group (`descripGrp`, …); nil for
        /// anywhere its class may stand.
        let levels: Set<String>?
        /// Whether it must sit in a `transacGrp` (a transaction's note).
        var inTransactionGroup = false
    }

    /// The namespaces of the modules, as the 2019 and the later dialect files spell them.
    static let namespaces: [String: Module] = [
        "http://www.tbxinfo.net/ns/min": .min, "http://www.tbxinfo.net/ns/dct/min": .min,
        "http://www.tbxinfo.net/ns/basic": .basic, "http://www.tbxinfo.net/ns/dct/basic": .basic,
    ]

    private static let statusValues: Set<String> = ["preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                                                    "supersededTerm-admn-sts"]

    /// The categories by module and element name. TBX-Basic is made of both modules; so, for
    /// Glossa, is TBX-Min: LTAC's own valid TBX-Min DCT example uses the Basic module's
    /// categories (definitions, contexts, transactions), though its NVDL names the Min module only.
    static let categories: [Module: [String: Category]] = [
        .min: [
            "customerSubset": Category(module: .min, metaType: "admin", picklist: nil, levels: ["termSec"]),
            "partOfSpeech": Category(module: .min, metaType: "descrip", picklist: ["adjective", "noun", "other", "verb", "adverb"],
                                     levels: nil),
            "subjectField": Category(module: .min, metaType: "descrip", picklist: nil, levels: ["conceptEntry"]),
            // LTAC's TBX-Min DCT example writes usage statuses (preferred, admitted, obsolete)
            // here: taken, as DCA-style usageStatus is.
            "administrativeStatus": Category(module: .min, metaType: "termNote", picklist: statusValues.union(TBXDialect.usageStatus),
                                             levels: ["termSec"]),
        ],
        .basic: [
            "projectSubset": Category(module: .basic, metaType: "admin", picklist: nil, levels: ["termSec"]),
            "source": Category(module: .basic, metaType: "admin", picklist: nil, levels: ["conceptEntry", "langSec", "termSec"]),
            "context": Category(module: .basic, metaType: "descrip", picklist: nil, levels: ["termSec"]),
            "definition": Category(module: .basic, metaType: "descrip", picklist: nil, levels: ["conceptEntry", "langSec"]),
            "subjectField": Category(module: .basic, metaType: "descrip", picklist: nil, levels: ["conceptEntry"]),
            "crossReference": Category(module: .basic, metaType: "ref", picklist: nil, levels: ["conceptEntry", "termSec"]),
            "grammaticalGender": Category(module: .basic, metaType: "termNote", picklist: ["masculine", "feminine", "neuter", "other"],
                                          levels: ["termSec"]),
            "geographicalUsage": Category(module: .basic, metaType: "termNote", picklist: nil, levels: ["termSec"]),
            "termType": Category(module: .basic, metaType: "termNote",
                                 picklist: ["fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"], levels: ["termSec"]),
            "transactionType": Category(module: .basic, metaType: "transac", picklist: ["origination", "modification"],
                                        levels: ["conceptEntry", "langSec"]),
            "responsibility": Category(module: .basic, metaType: "transacNote", picklist: nil, levels: ["conceptEntry", "langSec"],
                                       inTransactionGroup: true),
            "externalCrossReference": Category(module: .basic, metaType: "xref", picklist: nil, levels: ["conceptEntry", "termSec"]),
            "xGraphic": Category(module: .basic, metaType: "xref", picklist: nil, levels: ["conceptEntry"]),
        ],
    ]
}
