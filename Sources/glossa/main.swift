import GlossaXML
final class H: XMLEventHandler {
  func startElement(_ e: XMLElementStart, parser: XMLStreamParser) throws { print("start", e.localName, e.attributes) }
  func endElement(_ n: String, parser: XMLStreamParser) throws { print("end", n) }
  func characters(_ t: String, parser: XMLStreamParser) throws { print("chars", t.debugDescription) }
}
let h = H()
let p = XMLStreamParser(kind: CommandLine.arguments[1] == "html" ? .html : .xml, file: "x", handler: h)
try p.parse(bytes: Array(CommandLine.arguments[2].utf8))
