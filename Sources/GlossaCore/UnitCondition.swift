import Foundation

/// What a condition on units reads of a unit: the metadata translators filter and penalize
/// by, the same whether the unit was read whole (`TranslationUnit`) or as a lookup shows it.
public protocol UnitFacts {
    var origin: String? { get }
    var context: String? { get }
    var externalID: String? { get }
    /// ISO 8601 UTC dates (`Timestamp`), and authors.
    var createdAt: String? { get }
    var createdBy: String? { get }
    var changedAt: String? { get }
    var changedBy: String? { get }
    /// The values of the unit's properties named `name`, in order.
    func propertyValues(named name: String) -> [String]
    /// The canonical tags of the languages the unit has text in.
    var languageTags: [String] { get }
}

/// A condition on a unit's metadata, written `FIELD OP VALUE` as on the command line
/// (`--where origin=csto-2024.tmx`, `--penalty "author=mt:10"`):
///
/// - fields: `origin`, `context`, `id` (the tuid), `author` (who created or changed it),
///   `created-by`, `changed-by`, `created`, `changed` (dates), `lang` (it has text in that
///   language or a regional form of it), and any other name is a property's (`x-domain`,
///   `client`, `xliff:resname`);
/// - `=` and `!=` compare text, where `*` stands for any run of characters
///   (`origin=*.po`); a unit without the field never equals, so it always differs;
/// - `<`, `<=`, `>`, `>=` compare dates to the precision written: `created>=2025-06` holds for
///   any day of June 2025 and after, `changed<=2025-06-30` for all of that day.
public struct UnitCondition: Sendable, Hashable, CustomStringConvertible {
    /// What the condition reads.
    public enum Field: Sendable, Hashable {
        case origin, context, externalID, author, createdBy, changedBy, created, changed, language
        case property(String)
    }

    /// How the field is compared with the value.
    public enum Comparison: String, Sendable, CaseIterable {
        case notEqual = "!=", lessOrEqual = "<=", greaterOrEqual = ">=", equal = "=", less = "<", greater = ">"
    }

    public let field: Field
    public let comparison: Comparison
    public let value: String

    public init(_ field: Field, _ comparison: Comparison, _ value: String) {
        self.field = field
        self.comparison = comparison
        self.value = value
    }

    /// The names of the fields that are not properties, as written.
    private static let fieldNames: [(String, Field)] = [
        ("origin", .origin), ("context", .context), ("id", .externalID), ("author", .author), ("created-by", .createdBy),
        ("changed-by", .changedBy), ("created", .created), ("changed", .changed), ("lang", .language),
    ]

    /// Parses `FIELD OP VALUE`; an error names what is wrong.
    public init(parsing text: String) throws(InputError) {
        // The first operator in the text: a property's name holds none, a value may.
        guard let (position, comparison) = text.indices.lazy.compactMap({ index in
            Comparison.allCases.first { text[index...].hasPrefix($0.rawValue) }.map { (index, $0) }
        }).first else {
            throw InputError("'\(text)' is no condition: write FIELD=VALUE (or !=, <, <=, >, >= for dates), e.g. origin=csto-2024.tmx")
        }
        let name = text[..<position].trimmingCharacters(in: .whitespaces)
        let value = String(text[text.index(position, offsetBy: comparison.rawValue.count)...]).trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw InputError("'\(text)' names no field before \(comparison.rawValue)") }
        let field = Self.fieldNames.first { $0.0 == name }?.1 ?? .property(name)
        let ordered: Set<Comparison> = [.less, .lessOrEqual, .greater, .greaterOrEqual]
        if ordered.contains(comparison) {
            guard field == .created || field == .changed else {
                throw InputError("'\(text)': \(comparison.rawValue) compares dates, so only created and changed take it")
            }
            guard value.count >= 4, value.allSatisfy({ $0.isASCII && ($0.isNumber || "-T:Z".contains($0)) }) else {
                throw InputError("'\(text)': a date is written YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ")
            }
        }
        self.init(field, comparison, value)
    }

    public var description: String {
        let name: String
        if case .property(let property) = field { name = property } else { name = Self.fieldNames.first { $0.1 == field }?.0 ?? "" }
        return name + comparison.rawValue + value
    }

    /// Whether `unit` meets the condition.
    public func holds(for unit: some UnitFacts) -> Bool {
        let values: [String]
        switch field {
        case .origin: values = unit.origin.map { [$0] } ?? []
        case .context: values = unit.context.map { [$0] } ?? []
        case .externalID: values = unit.externalID.map { [$0] } ?? []
        case .author: values = [unit.createdBy, unit.changedBy].compactMap { $0 }
        case .createdBy: values = unit.createdBy.map { [$0] } ?? []
        case .changedBy: values = unit.changedBy.map { [$0] } ?? []
        case .created: values = unit.createdAt.map { [$0] } ?? []
        case .changed: values = unit.changedAt.map { [$0] } ?? []
        case .language:
            let wanted = value.lowercased()
            let found = unit.languageTags.contains { tag in
                let tag = tag.lowercased()
                return tag == wanted || tag.hasPrefix(wanted + "-")
            }
            return comparison == .equal ? found : !found
        case .property(let name): values = unit.propertyValues(named: name)
        }
        switch comparison {
        case .equal: return values.contains(where: matches)
        case .notEqual: return !values.contains(where: matches)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            // To the precision written: the stored date cut to the value's length.
            return values.contains { stored in
                let cut = String(stored.prefix(value.count))
                switch comparison {
                case .less: return cut < value
                case .lessOrEqual: return cut <= value
                case .greater: return cut > value
                default: return cut >= value
                }
            }
        }
    }

    /// Whether `text` equals the value, `*` standing for any run of characters.
    private func matches(_ text: String) -> Bool {
        guard value.contains("*") else { return text == value }
        let parts = value.split(separator: "*", omittingEmptySubsequences: false)
        guard text.hasPrefix(parts[0]) else { return false }
        var rest = text.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let found = rest.range(of: part) else { return false }
            rest = rest[found.upperBound...]
        }
        let last = parts[parts.count - 1]
        return parts.count == 1 || (rest.count >= last.count && rest.hasSuffix(last))
    }
}

/// Points off a match whose unit meets a condition, written `CONDITION:POINTS`
/// (`origin=legacy-2019.tmx:5`, `author=mt:10`, `x-domain!=military:2`).
public struct MetadataPenalty: Sendable, Equatable, CustomStringConvertible {
    public let condition: UnitCondition
    public let points: Int

    public init(condition: UnitCondition, points: Int) {
        self.condition = condition
        self.points = points
    }

    /// Parses `CONDITION:POINTS`, the points from 0 to 100 after the last colon.
    public init(parsing text: String) throws(InputError) {
        guard let colon = text.lastIndex(of: ":"), let points = Int(text[text.index(after: colon)...]), (0...100).contains(points) else {
            throw InputError("'\(text)' is no penalty: write CONDITION:POINTS, points from 0 to 100, e.g. origin=legacy.tmx:5")
        }
        self.init(condition: try UnitCondition(parsing: String(text[..<colon])), points: points)
    }

    public var description: String { "\(condition):\(points)" }
}

extension TranslationUnit: UnitFacts {
    public var createdAt: String? { created.map { Timestamp.format($0.date) } }
    public var createdBy: String? { created?.author }
    public var changedAt: String? { changed.map { Timestamp.format($0.date) } }
    public var changedBy: String? { changed?.author }
    public func propertyValues(named name: String) -> [String] {
        properties.filter { $0.name == name }.map(\.value)
    }
    public var languageTags: [String] { variants.map(\.language.canonical) }
}
