import CGlossaICU
import Synchronization

/// Symbols asked for already: a check asks once per text, and ICU opens a number format each time.
private let knownSymbols = Mutex<[String: NumberSymbols]>([:])

/// How a language writes numbers: its decimal and grouping separators, from CLDR through ICU
/// ("," and a no-break space for Russian, "." and "," for English).
public struct NumberSymbols: Sendable, Equatable {
    /// The decimal separator.
    public let decimal: Unicode.Scalar
    /// The grouping separator.
    public let grouping: Unicode.Scalar

    /// The symbols of `language`; English's when ICU knows none for it.
    public static func of(_ language: LanguageTag) -> NumberSymbols {
        if let known = knownSymbols.withLock({ $0[language.canonical] }) { return known }
        func symbol(_ kind: Int32, fallback: Unicode.Scalar) -> Unicode.Scalar {
            var buffer = [CChar](repeating: 0, count: 16)
            let length = CGlossaICU_numberSymbol(language.canonical, kind, &buffer, Int32(buffer.count))
            guard length > 0 else { return fallback }
            let text = String(decoding: buffer[..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return text.unicodeScalars.count == 1 ? text.unicodeScalars.first! : fallback
        }
        let symbols = NumberSymbols(decimal: symbol(0, fallback: "."), grouping: symbol(1, fallback: ","))
        knownSymbols.withLock { $0[language.canonical] = symbols }
        return symbols
    }
}
