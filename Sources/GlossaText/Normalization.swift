import CGlossaICU

/// Unicode normalization forms (UAX #15).
public enum NormalizationForm: Int32, Sendable, CaseIterable {
    /// Canonical composition: what the TM stores and compares.
    case nfc = 0
    /// Canonical decomposition.
    case nfd = 1
    /// Compatibility composition: folds ligatures, full-width forms and the like.
    case nfkc = 2
    /// Compatibility decomposition.
    case nfkd = 3
}

extension String {
    /// This text in the given normalization form.
    public func normalized(_ form: NormalizationForm) -> String {
        if isASCII { return self }
        var copy = self
        let already = copy.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                CGlossaICU_isNormalized(form.rawValue, $0.baseAddress, Int32($0.count)) == 1
            }
        }
        if already { return self }
        return icuTransform(self) { CGlossaICU_normalize(form.rawValue, $0, $1, $2, $3, $4) }
    }

    /// Full Unicode case folding, for caseless comparison ("Straße" and "STRASSE" fold alike).
    public func caseFolded() -> String {
        icuTransform(self) { CGlossaICU_foldCase($0, $1, $2, $3, $4) }
    }

    /// The form the TM keys exact lookups on: NFC, runs of white space collapsed to one space,
    /// no leading or trailing white space.
    public func normalizedForLookup() -> String {
        collapsingWhitespace().normalized(.nfc)
    }

    /// Runs of white space (including no-break and other Unicode spaces) become one space, and
    /// the ends are trimmed.
    public func collapsingWhitespace() -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.unicodeScalars.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
