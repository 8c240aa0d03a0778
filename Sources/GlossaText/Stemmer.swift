import CStemmer

/// A Snowball stemmer for one language: reduces inflected word forms to a common stem
/// ("Комитета" and "Комитет" both become "комитет"). Input must be case-folded.
/// Not thread safe: use one per task.
public final class Stemmer {
    private let handle: OpaquePointer

    /// The stemmer for `language` (a primary language subtag such as "ru"), or nil when
    /// Snowball has none for it.
    public init?(language: String) {
        // libstemmer takes ISO 639 codes as well as its algorithm names, and says no with nil.
        guard let handle = sb_stemmer_new(language.lowercased(), "UTF_8") else { return nil }
        self.handle = handle
    }

    deinit { sb_stemmer_delete(handle) }

    /// The stem of one case-folded word.
    public func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { utf8 in
            guard let base = utf8.baseAddress,
                  let stem = sb_stemmer_stem(handle, base, Int32(utf8.count)) else { return String(decoding: utf8, as: UTF8.self) }
            let length = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: stem, count: length), as: UTF8.self)
        }
    }
}
