import CGlossaXML
import Foundation
import GlossaCore

/// An element's start as the streaming parser reports it.
public struct XMLElementStart: Sendable {
    /// The name without prefix ("tu", "lang").
    public let localName: String
    /// The namespace prefix, if the element has one.
    public let prefix: String?
    /// The namespace URI, if the element is in a namespace.
    public let namespaceURI: String?
    /// Attributes in document order, by qualified name ("xml:lang").
    public let attributes: [(name: String, value: String)]

    /// The value of the attribute with this qualified name.
    public subscript(attribute name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

/// Receives the events of a streaming parse. Throwing from a callback stops the parse and
/// the error comes out of `XMLStreamParser.push`.
public protocol XMLEventHandler: AnyObject {
    /// An element starts.
    func startElement(_ element: XMLElementStart, parser: XMLStreamParser) throws
    /// An element ends.
    func endElement(_ localName: String, parser: XMLStreamParser) throws
    /// Character data (entities expanded); one text node may come in several pieces.
    func characters(_ text: String, parser: XMLStreamParser) throws
    /// Whether `characters` would use text here: when it would not (the indentation between
    /// a TMX file's elements, say), no string is built for it.
    var wantsCharacters: Bool { get }
}

extension XMLEventHandler {
    public var wantsCharacters: Bool { true }
}

/// A streaming XML or HTML parser over libxml2 that never fetches a DTD or external entity
/// and bounds entity expansion. Feed it chunks with `push`, or a whole file with `parse(file:)`.
public final class XMLStreamParser {
    /// What the input is.
    public enum Kind: Sendable {
        /// Well-formed XML: any error stops the parse.
        case xml
        /// HTML as found on the web: tag soup is repaired, never an error.
        case html
    }

    /// The file name used in errors.
    public let file: String
    private var handle: OpaquePointer?
    private let handler: any XMLEventHandler
    private var handlerError: (any Error)?
    /// How many elements are open.
    private var depth = 0

    /// How deep elements may nest before the document is refused. The files Glossa reads nest a
    /// few dozen levels at most (XLIFF's inline codes, TBX's groups); a hundred thousand levels
    /// is a broken export or an attack, and readers that do work per open element would take
    /// quadratic time over it.
    public static let maximumDepth = 1_000

    /// A parser that reports to `handler`.
    public init(kind: Kind, file: String, handler: any XMLEventHandler) {
        self.file = file
        self.handler = handler
        var callbacks = CGlossaXML_Handler()
        callbacks.context = nil
        callbacks.startElement = { context, localName, prefix, uri, attributes, count in
            let parser = Unmanaged<XMLStreamParser>.fromOpaque(context!).takeUnretainedValue()
            var pairs: [(name: String, value: String)] = []
            pairs.reserveCapacity(Int(count))
            for attribute in UnsafeBufferPointer(start: attributes, count: Int(count)) {
                let localName = String(cString: attribute.localName)
                let value = UnsafeRawBufferPointer(start: attribute.value, count: Int(attribute.valueLength))
                pairs.append((attribute.prefix.map { String(cString: $0) + ":" + localName } ?? localName,
                              String(decoding: value, as: UTF8.self)))
            }
            let element = XMLElementStart(
                localName: String(cString: localName!), prefix: prefix.map { String(cString: $0) },
                namespaceURI: uri.map { String(cString: $0) }, attributes: pairs)
            parser.depth += 1
            if parser.depth > XMLStreamParser.maximumDepth {
                parser.deliver { _ in
                    throw InputError("elements nested more than \(XMLStreamParser.maximumDepth) deep (<\(element.localName)> here): no TMX, XLIFF or TBX file nests so",
                                     file: parser.file, line: parser.line, column: parser.column)
                }
                return
            }
            parser.deliver { try $0.startElement(element, parser: parser) }
        }
        callbacks.endElement = { context, localName in
            let parser = Unmanaged<XMLStreamParser>.fromOpaque(context!).takeUnretainedValue()
            parser.depth -= 1
            let name = String(cString: localName!)
            parser.deliver { try $0.endElement(name, parser: parser) }
        }
        callbacks.characters = { context, text, length in
            let parser = Unmanaged<XMLStreamParser>.fromOpaque(context!).takeUnretainedValue()
            guard parser.handler.wantsCharacters else { return }
            let string = text!.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
                String(decoding: UnsafeBufferPointer(start: $0, count: Int(length)), as: UTF8.self)
            }
            parser.deliver { try $0.characters(string, parser: parser) }
        }
        callbacks.context = Unmanaged.passUnretained(self).toOpaque()
        handle = CGlossaXML_parserCreate(kind == .xml ? Int32(CGlossaXML_xml) : Int32(CGlossaXML_html), &callbacks, file)
    }

    deinit { CGlossaXML_parserFree(handle) }

    /// The 1-based line the parser has reached; inside a callback, where the event is.
    public var line: Int { handle.map { Int(CGlossaXML_parserLine($0)) } ?? 0 }
    /// The 1-based column the parser has reached.
    public var column: Int { handle.map { Int(CGlossaXML_parserColumn($0)) } ?? 0 }

    /// Feeds the next chunk; `final` with the last one. Throws the handler's error, or an
    /// `InputError` at file:line:column when the document is not well-formed.
    public func push(_ bytes: UnsafeRawBufferPointer, final: Bool = false) throws {
        guard let handle else { throw InputError("cannot create an XML parser", file: file) }
        let failed = CGlossaXML_parserPush(handle, bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
                                           Int32(bytes.count), final ? 1 : 0)
        if let handlerError { throw handlerError }
        if failed != 0, let message = CGlossaXML_parserErrorMessage(handle) {
            let encoding = CGlossaXML_parserErrorIsEncoding(handle) != 0
            throw InputError((encoding ? "" : "not well-formed XML: ") + String(cString: message), file: file,
                             line: Int(CGlossaXML_parserErrorLine(handle)),
                             column: max(1, Int(CGlossaXML_parserErrorColumn(handle))))
        }
    }

    /// Parses a whole file in chunks, with constant memory whatever its size.
    public func parse(file path: String, chunkSize: Int = 1 << 16) throws {
        guard let stream = fopen(path, "rb") else {
            throw InputError("cannot read: \(String(cString: strerror(errno)))", file: file)
        }
        defer { fclose(stream) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var first = true
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, chunkSize, stream) }
            if count == 0 && ferror(stream) != 0 { throw InputError("read error", file: file) }
            // Said plainly: libxml2 would call a compressed TMX an empty document.
            if first, let binary = SourceText.binaryFormat(of: buffer[..<count]) {
                throw InputError("\(binary.kind), not an XML file" + (binary.advice.map { ": \($0)" } ?? ""), file: file, line: 1, column: 1)
            }
            first = false
            let final = count < chunkSize
            try buffer.withUnsafeBytes { try push(UnsafeRawBufferPointer(rebasing: $0[..<count]), final: final) }
            if final { return }
        }
    }

    /// Parses a document held in memory.
    public func parse(bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try push($0, final: true) }
    }

    private func deliver(_ event: (any XMLEventHandler) throws -> Void) {
        guard handlerError == nil else { return }
        do { try event(handler) } catch {
            handlerError = error
            if let handle { CGlossaXML_parserStop(handle) }
        }
    }
}
