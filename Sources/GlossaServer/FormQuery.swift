import Foundation
import GlossaCore
import Hummingbird

/// The parameters of a request's query string, decoded as HTML forms encode them
/// (application/x-www-form-urlencoded: "+" is a space, %XX a UTF-8 byte), so a plain form, a
/// browser's URLSearchParams and curl's --data-urlencode reach the server alike.
struct FormQuery {
    /// Each name's values, in the order given: most names are given once, the conditions of a
    /// lookup (`where`, `penalty`) as many times as there are.
    private let values: [String: [String]]

    /// The parameters of `query`; an `InputError` when one does not decode.
    init(_ query: String?) throws {
        var values: [String: [String]] = [:]
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decoded(parts[0]), let value = Self.decoded(parts.count > 1 ? parts[1] : "") else {
                throw InputError("the query string does not decode as name=value pairs: \(query ?? "")")
            }
            values[name, default: []].append(value)
        }
        self.values = values
    }

    /// A name or value as forms encode it: "+" a space, %XX a UTF-8 byte; nil when it is not
    /// valid UTF-8.
    private static func decoded(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The value of `name`, nil when the query lacks it (the first, if given several times).
    subscript(name: String) -> String? { values[name]?.first }

    /// Every value of `name`, in order.
    func all(_ name: String) -> [String] { values[name] ?? [] }

    /// The value of `name`; an `InputError` when it is missing or blank.
    func required(_ name: String) throws -> String {
        guard let value = self[name], !value.allSatisfy(\.isWhitespace) else { throw InputError("the query needs \(name)=…") }
        return value
    }

    /// The integer value of `name`, `fallback` when the query lacks it; an `InputError` when
    /// it is not a whole number in `range`.
    func integer(_ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = self[name] else { return fallback }
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
