import CGlossaICU

/// Text in a legacy character set converted to UTF-8 through ICU's converters: what older
/// files declare (a gettext catalog's `charset=KOI8-R` or `windows-1251`), for readers that
/// otherwise take UTF-8 only.
public enum LegacyCharset {
    /// `bytes` in `charset` (an IANA or ICU name) as UTF-8. Throws `TextError.unknownCharset`
    /// for a name ICU does not know and `.unconvertible` for bytes the set has no character for.
    public static func utf8(_ bytes: [UInt8], from charset: String) throws(TextError) -> [UInt8] {
        if bytes.isEmpty { return [] }
        var capacity = bytes.count * 3 + 16
        while true {
            var status: Int32 = 0
            var needed: Int32 = 0
            let result = bytes.withUnsafeBufferPointer { source in
                source.withMemoryRebound(to: CChar.self) { source in
                    [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                        buffer.withMemoryRebound(to: CChar.self) { dest in
                            needed = CGlossaICU_convertToUTF8(charset, source.baseAddress!, Int32(source.count),
                                                              dest.baseAddress!, Int32(capacity), &status)
                        }
                        count = status > 0 ? 0 : Int(needed)
                    }
                }
            }
            switch status {
            case ...0: return result
            case bufferOverflow: capacity = Int(needed) + 1
            case fileAccessError: throw .unknownCharset(charset)
            default: throw .unconvertible(charset: charset, icuStatus: String(cString: CGlossaICU_errorName(status)))
            }
        }
    }

    private static let bufferOverflow: Int32 = 15
    private static let fileAccessError: Int32 = 4
}
