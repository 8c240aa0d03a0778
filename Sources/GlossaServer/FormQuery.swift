import GlossaCore
import Hummingbird

/// The parameters of a request's query string, decoded as HTML forms encode them
/// (application/x-www-form-urlencoded: "+" is a space, %XX a UTF-8 byte), so a plain form, a
/// browser's URLSearchParams and curl's --data-urlencode reach the server alike.
struct FormQuery {
    private let values: [String: String]

    /// The parameters of `query`; an `InputError` when it does not decode (a name given twice).
    init(_ query: String?) throws {
        do {
            values = try URLEncodedFormDecoder().decode([String: String].self, from: query ?? "")
        } catch {
            throw InputError("the query string does not decode as name=value pairs: \(query ?? "")")
        }
    }

    /// The value of `name`, nil when the query lacks it.
    subscript(name: String) -> String? { values[name] }

    /// The value of `name`; an `InputError` when it is missing or blank.
    func required(_ name: String) throws -> String {
        guard let value = values[name], !value.allSatisfy(\.isWhitespace) else { throw InputError("the query needs \(name)=…") }
        return value
    }

    /// The integer value of `name`, `fallback` when the query lacks it; an `InputError` when
    /// it is not a whole number in `range`.
    func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = values[name] else { return fallback }
        guard let value = Int(text) else { throw Self.outOfBounds(name, range, text) }
        return try Self.bounded(name, value, default: fallback, in: range)
    }

    /// `value`, `fallback` when it is nil; an `InputError` when it lies outside `range`. For
    /// parameters given some other way than the query string (a JSON body), checked alike.
    static func bounded(_ name: String, _ value: Int?, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let value else { return fallback }
        guard range.contains(value) else { throw outOfBounds(name, range, "\(value)") }
        return value
    }

    private static func outOfBounds(_ name: String, _ range: ClosedRange<Int>, _ given: String) -> InputError {
        InputError("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(given)\"")
    }
}
