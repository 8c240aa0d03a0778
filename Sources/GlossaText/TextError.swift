/// Errors from the text layer: a malformed language tag, an unknown transform or locale.
public enum TextError: Error, Equatable, CustomStringConvertible {
    /// The text is not a well-formed BCP-47 language tag.
    case malformedLanguageTag(String)
    /// The tag is well formed, but its language, script or region is not in the registry.
    case unknownLanguageTag(String, subtag: String)
    /// ICU has no transform by this id.
    case unknownTransform(String, icuStatus: String)
    /// A regular expression does not compile.
    case invalidPattern(String, offset: Int, icuStatus: String)
    /// ICU could not open a break iterator or another service.
    case icuFailure(String)
    /// ICU knows no character set by this name.
    case unknownCharset(String)
    /// The bytes hold a sequence the character set has no character for.
    case unconvertible(charset: String, icuStatus: String)

    public var description: String {
        switch self {
        case .malformedLanguageTag(let tag):
            return "'\(tag)' is not a language tag (expected BCP-47 such as en, ru, en-US, zh-Hant)"
        case .unknownLanguageTag(let tag, let subtag):
            return "unknown language tag '\(tag)': '\(subtag)' is not a registered subtag"
        case .unknownTransform(let id, let status):
            return "unknown transform '\(id)' (\(status))"
        case .invalidPattern(let pattern, let offset, let status):
            return "invalid regular expression '\(pattern)' at character \(offset + 1) (\(status))"
        case .icuFailure(let what):
            return "ICU failure: \(what)"
        case .unknownCharset(let name):
            return "unknown character set '\(name)'"
        case .unconvertible(let charset, let status):
            return "bytes that are not \(charset) text (\(status))"
        }
    }
}
