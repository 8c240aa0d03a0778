import Foundation
import GlossaCore
import GlossaXML

/// Checks a TBX v3 file against the core structure (ISO 30042:2019, as LTAC's RelaxNG
/// schema defines it) and its dialect's data categories (TBX-Basic or TBX-Min): in DCA style
/// (`<termNote type="termType">`) as LTAC's dialect Schematron rules define them, in DCT style
/// (`<basic:termType>`) as its DCT rules and the modules' grammars and rules do (see
/// `TBXModules`). Unlike a RelaxNG validator, which stops at the first error in a subtree, it
/// reports every violation with its line and column.
///
/// Where LTAC's test files and its 2019 schemas disagree, the files win: `usageStatus` is
/// accepted as a term note in both dialects (values preferred, admitted, notRecommended,
/// obsolete), and "creation" as a TBX-Basic transaction type, since the "good" test files use
/// them. Their basic_bad.tbx expects `admin type="source"` directly in a `conceptEntry` to be
/// refused, but the Schematron rules allow it there, and so does this validator.
public struct TBXValidator {
    /// One violation.
    public struct Violation: Sendable, Equatable, Codable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// Which rules to apply.
    public enum Dialect: String, Sendable, CaseIterable {
        /// The core structure only.
        case core
        /// Core plus TBX-Basic's data categories.
        case basic
        /// Core plus TBX-Min's data categories.
        case min
        /// Whatever the file's `tbx@type` says.
        case auto
    }

    public let dialect: Dialect

    public init(dialect: Dialect = .auto) {
        self.dialect = dialect
    }

    /// What validating a file found.
    public struct Report: Sendable, Equatable {
        /// Every violation, in document order.
        public var violations: [Violation]
        /// Whether the file is TBX v2 (`martif`), which has no schema here: read, not validated.
        public var isVersion2: Bool
    }

    /// Validates the TBX document `bytes`. Throws `InputError` (file:line:column) when it is
    /// not well-formed XML.
    public func validate(bytes: [UInt8], file: String) throws -> Report {
        let handler = ValidationHandler(dialect: dialect)
        let parser = XMLStreamParser(kind: .xml, file: file, handler: handler)
        try parser.parse(bytes: bytes)
        return Report(violations: handler.finish(), isVersion2: handler.isVersion2)
    }
}

/// The streaming state behind `TBXValidator`.
private final class ValidationHandler: XMLEventHandler {
    private struct Frame {
        let name: String
        let foreign: Bool
        let model: TBXStructure.Model?
        let line: Int
        let column: Int
        var particle = 0
        var count = 0
        var reportedText = false
        var text = ""
        var type: String?
        /// The DCT-style data category the element is, whose value a picklist may restrict.
        var category: TBXModules.Category?
    }

    private let requested: TBXValidator.Dialect
    private var dialect: TBXDialect?
    private var stack: [Frame] = []
    private var violations: [TBXValidator.Violation] = []
    private var ids: [String: (Int, Int)] = [:]
    private var targets: [(target: String, line: Int, column: Int)] = []
    /// Set when the root is a `tbx` without the TBX namespace: reported once, and its
    /// un-namespaced elements are then read as TBX elements rather than as foreign ones.
    private var namespaceMissing = false
    /// The file's style (`tbx@style`): data categories as typed core elements (dca) or as
    /// elements of the modules' namespaces (dct).
    private var isDCT = false
    /// Whether the root is TBX v2's `martif`: nothing below it is checked.
    private(set) var isVersion2 = false

    init(dialect: TBXValidator.Dialect) {
        requested = dialect
        switch dialect {
        case .basic: self.dialect = .basic
        case .min: self.dialect = .minimal
        case .core, .auto: self.dialect = nil
        }
    }

    private func report(_ message: String, _ line: Int, _ column: Int) {
        violations.append(.init(line: line, column: column, message: message))
    }

    func startElement(_ element: XMLElementStart, parser: XMLStreamParser) throws {
        let (line, column) = (parser.line, parser.column)
        let name = element.localName
        if stack.isEmpty && name == "tbx" && element.namespaceURI == nil {
            report("<tbx> must be in namespace \(TBXStructure.namespace)", line, column)
            namespaceMissing = true
        }
        if isVersion2 || (stack.isEmpty && name == "martif") {
            isVersion2 = true
            return
        }
        let foreign = !TBXStructure.namespaces.contains(element.namespaceURI ?? "") && !(namespaceMissing && element.namespaceURI == nil)
        if stack.isEmpty {
            if name != "tbx" { report("the root must be <tbx>", line, column) }
            isDCT = element[attribute: "style"] == "dct"
            if requested == .auto {
                switch element[attribute: "type"] {
                case "TBX-Basic": dialect = .basic
                case "TBX-Min": dialect = .minimal
                default: break
                }
            }
            if let dialect {
                if element[attribute: "type"] != dialect.name { report("<tbx> type must be '\(dialect.name)'", line, column) }
                if !["dca", "dct"].contains(element[attribute: "style"]) {
                    report("<tbx> style must be 'dca' or 'dct' for \(dialect.name)", line, column)
                }
            }
        }
        if var parent = stack.popLast() {
            if parent.model != nil || !parent.foreign { accept(child: name, foreign: foreign, in: &parent, line, column) }
            stack.append(parent)
        }
        let model = foreign ? nil : TBXStructure.models[name]
        if !foreign && model == nil && !stack.isEmpty { report("<\(name)> is not a TBX element", line, column) }
        if let model {
            for attribute in model.required where element[attribute: attribute].map({ !$0.isEmpty }) != true {
                report("<\(name)> must have a non-empty \(attribute) attribute", line, column)
            }
        }
        if let id = element[attribute: "id"] {
            if let first = ids[id] { report("id '\(id)' is used twice (first at \(first.0):\(first.1))", line, column) }
            else { ids[id] = (line, column) }
        }
        if let target = element[attribute: "target"] { targets.append((target, line, column)) }
        if let language = element[attribute: "xml:lang"], !Self.isLanguage(language) {
            report("xml:lang '\(language)' is not a language tag", line, column)
        }
        var category: TBXModules.Category?
        if foreign, let dialect, !stack.isEmpty {
            let qualified = "<\(element.prefix.map { $0 + ":" } ?? "")\(name)>"
            if !isDCT {
                report("\(qualified): DCT-style elements are not allowed in DCA-style \(dialect.name)", line, column)
            } else {
                category = dataCategory(element, qualified: qualified, line, column)
            }
        }
        stack.append(Frame(name: name, foreign: foreign, model: model, line: line, column: column, type: element[attribute: "type"],
                           category: category))
        if !foreign { checkDialect(element: element, line, column) }
    }

    func endElement(_ localName: String, parser: XMLStreamParser) throws {
        guard !isVersion2, let frame = stack.popLast() else { return }
        if let model = frame.model, !frame.reportedText {
            var particle = frame.particle
            var count = frame.count
            while particle < model.particles.count {
                let wanted = model.particles[particle]
                if count < wanted.min {
                    report("<\(frame.name)> must contain \(Self.describe(wanted))", frame.line, frame.column)
                }
                particle += 1
                count = 0
            }
        }
        if let picklist = frame.category?.picklist, !picklist.contains(frame.text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            report("\(frame.name) '\(frame.text.trimmingCharacters(in: .whitespacesAndNewlines))' is not allowed in \(dialect!.name) "
                   + "(allowed: \(picklist.sorted().joined(separator: ", ")))", frame.line, frame.column)
        }
        if !frame.foreign, !isDCT, let type = frame.type, let picklist = dialect?.picklists[type], frame.name == "termNote" || frame.name == "transac" {
            let value = frame.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !picklist.contains(value) {
                report("\(type) '\(value)' is not allowed in \(dialect!.name) (allowed: \(picklist.sorted().joined(separator: ", ")))",
                       frame.line, frame.column)
            }
        }
    }

    func characters(_ text: String, parser: XMLStreamParser) throws {
        guard !isVersion2, var frame = stack.popLast() else { return }
        if let model = frame.model, !model.text, !frame.reportedText, text.contains(where: { !$0.isWhitespace }) {
            let hint = model.particles.contains { $0.names.contains("p") } ? ": wrap it in <p>" : ""
            report("text is not allowed directly in <\(frame.name)>\(hint)", parser.line, parser.column)
            frame.reportedText = true
        }
        if frame.type != nil || frame.category?.picklist != nil { frame.text += text }
        stack.append(frame)
    }

    func finish() -> [TBXValidator.Violation] {
        for (target, line, column) in targets where ids[target] == nil
            && !(target.hasPrefix("http://") || target.hasPrefix("https://")) {
            report("target '\(target)' is neither an id in this file nor an http(s) URI", line, column)
        }
        return violations.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// Moves the parent's content model on by one child, reporting a child out of place.
    private func accept(child: String, foreign: Bool, in parent: inout Frame, _ line: Int, _ column: Int) {
        guard let model = parent.model else { return }
        func fits(_ particle: TBXStructure.Particle) -> Bool {
            foreign ? !particle.names.isDisjoint(with: TBXStructure.foreignStandIns) : particle.names.contains(child)
        }
        var particle = parent.particle
        var count = parent.count
        while particle < model.particles.count {
            let current = model.particles[particle]
            if fits(current) && count < current.max {
                parent.particle = particle
                parent.count = count + 1
                return
            }
            if count < current.min {
                report("<\(parent.name)> must contain \(Self.describe(current)) before <\(child)>", line, column)
            }
            particle += 1
            count = 0
        }
        let repeated = model.particles.contains { fits($0) }
        report(repeated ? "<\(child)> is not allowed here in <\(parent.name)> (out of order, or more than allowed)"
                        : "<\(child)> is not allowed in <\(parent.name)>", line, column)
    }

    /// A DCT-style data category: an element of a module's namespace, which must be one of the
    /// module's categories at one of its levels. Returns it, for its picklist to be checked
    /// once its text is read.
    private func dataCategory(_ element: XMLElementStart, qualified: String, _ line: Int, _ column: Int) -> TBXModules.Category? {
        guard let module = TBXModules.namespaces[element.namespaceURI ?? ""] else {
            report("\(qualified) is in namespace '\(element.namespaceURI ?? "")', which no TBX module of \(dialect!.name) defines", line, column)
            return nil
        }
        guard let category = TBXModules.categories[module]?[element.localName] else {
            let known = TBXModules.categories[module]!.keys.sorted().joined(separator: ", ")
            report("\(qualified) is not a data category of the \(module.rawValue) (it has \(known))", line, column)
            return nil
        }
        // Not on the stack yet: the stack is its ancestors.
        let ancestors = stack.map(\.name)
        let parent = ancestors.last
        if category.inTransactionGroup && parent != "transacGrp" {
            report("\(qualified) may only appear in a <transacGrp>", line, column)
        } else if let levels = category.levels, let level = Self.level(parent: parent, ancestors: ancestors), !levels.contains(level) {
            let place = level == parent ? "<\(level)>" : "<\(parent ?? "")> in <\(level)>"
            report("\(element.localName) may only appear at \(levels.sorted().joined(separator: ", ")) level, not in \(place)", line, column)
        }
        return category
    }

    /// The level an element sits at: its parent, or the parent's parent when the parent is a
    /// group (`descripGrp`, `termNoteGrp`, …).
    private static func level(parent: String?, ancestors: [String]) -> String? {
        guard let parent, parent.hasSuffix("Grp") else { return parent }
        return ancestors.dropLast().last
    }

    /// Dialect rules for a data category element: permitted type, level, no termNote outside a
    /// termSec; in a DCT-style file, no DCA-style data category in the body.
    private func checkDialect(element: XMLElementStart, _ line: Int, _ column: Int) {
        let name = element.localName
        let ancestors = stack.dropLast().map(\.name)
        if name == "termNote", !(ancestors.last == "termSec" || (ancestors.last == "termNoteGrp" && ancestors.dropLast().last == "termSec")) {
            report("<termNote> is only allowed in a <termSec>", line, column)
        }
        guard let dialect else { return }
        if isDCT {
            if let type = element[attribute: "type"], ancestors.contains("body"), TBXStructure.foreignStandIns.contains(name) {
                report("<\(name) type=\"\(type)\">: DCA-style elements are not allowed in DCT-style \(dialect.name) (write the category as an element of its module)",
                       line, column)
            }
            return
        }
        if name == "xref" || name == "ref" || dialect.types[name] != nil || ["adminNote", "descripNote"].contains(name) {
            guard let type = element[attribute: "type"], !type.isEmpty else { return }
            guard let allowed = dialect.types[name], allowed.contains(type) else {
                let list = dialect.types[name].map { "permitted: \($0.sorted().joined(separator: ", "))" } ?? "no <\(name)> is permitted"
                report("<\(name) type=\"\(type)\"> is not allowed in \(dialect.name) (\(list))", line, column)
                return
            }
            guard let levels = dialect.levels[type] else { return }
            // A category may sit in its level directly or in a group (not a transacGrp, for
            // admin) within it.
            var level = ancestors.last
            if let group = level, group.hasSuffix("Grp"), !(name == "admin" && group == "transacGrp") {
                level = ancestors.dropLast().last
            }
            if let level, !levels.contains(level) {
                report("\(type) may only appear at \(levels.sorted().joined(separator: ", ")) level, not in <\(ancestors.last!)>", line, column)
            }
        }
    }

    private static func describe(_ particle: TBXStructure.Particle) -> String {
        particle.names.sorted().map { "<\($0)>" }.joined(separator: " or ")
    }

    /// xsd:language: letters, then groups of up to eight letters or digits after hyphens.
    private static func isLanguage(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (1...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
