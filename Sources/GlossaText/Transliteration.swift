import CGlossaICU
import Synchronization

/// An ICU transform such as `Any-Latin; Latin-ASCII`, used to compare names across scripts
/// ("Тасмагамбетов" → "Tasmagambetov").
public final class Transliterator: @unchecked Sendable {
    /// Russian, Armenian, Kazakh and other scripts to plain ASCII Latin.
    /// ICU's Cyrillic-Latin leaves Kazakh letters (Ұ, Қ, Ң, Ө, Ү, Һ, І, Ә, Ғ) unmapped, so
    /// a rule pass maps them first, the way names are spelled in English ("Қазақстан" →
    /// "Kazakstan").
    public static let toASCIILatin = try! Transliterator(
        rules: """
        Ә > A; ә > a; Ғ > G; ғ > g; Қ > K; қ > k; Ң > Ng; ң > ng; Ө > O; ө > o;
        Ұ > U; ұ > u; Ү > U; ү > u; Һ > H; һ > h; І > I; і > i;
        ::Any-Latin;
        ::Latin-ASCII;
        """,
        name: "Any-Latin; Latin-ASCII")

    /// The ICU transform id this transliterator was opened with, or the name given its rules.
    public let id: String
    private let handle: Mutex<OpaquePointer>

    /// Opens the transform `id` (ICU syntax); throws when ICU does not know it.
    public init(id: String) throws(TextError) {
        var status: Int32 = 0
        guard let pointer = CGlossaICU_transliteratorOpen(id, &status) else {
            throw TextError.unknownTransform(id, icuStatus: String(cString: CGlossaICU_errorName(status)))
        }
        self.id = id
        self.handle = Mutex(pointer)
    }

    /// Compiles a transform from ICU transliteration rules (which may call other transforms
    /// with `::Id;`); throws when the rules do not compile.
    public init(rules: String, name: String) throws(TextError) {
        var status: Int32 = 0
        guard let pointer = CGlossaICU_transliteratorOpenRules(name, rules, &status) else {
            throw TextError.unknownTransform(name, icuStatus: String(cString: CGlossaICU_errorName(status)))
        }
        self.id = name
        self.handle = Mutex(pointer)
    }

    deinit {
        handle.withLock { CGlossaICU_transliteratorClose($0) }
    }

    /// The text transformed; safe to call from several threads (calls are serialized).
    public func transliterate(_ text: String) -> String {
        if text.isASCII { return text }
        return handle.withLock { pointer in
            icuTransform(text) { CGlossaICU_transliterate(pointer, $0, $1, $2, $3, $4) }
        }
    }
}
