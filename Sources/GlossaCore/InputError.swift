/// A problem with what a user gave Glossa: a file, a line in it, an argument. Its description is
/// the one line a user sees, `file:line:column: message`, with the parts that apply.
public struct InputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file, as the user named it; nil for arguments and standard input.
    public var file: String?
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column in characters, when known.
    public var column: Int?
    /// What is wrong, and where useful, what to do.
    public var message: String

    /// An error at a place in a file.
    public init(_ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        var place = [file, line.map(String.init), line == nil ? nil : column.map(String.init)]
            .compactMap { $0 }.joined(separator: ":")
        if !place.isEmpty { place += ": " }
        return place + Self.oneLine(message)
    }

    /// `text` with its line breaks written as `\n`: a message quoting what the file holds
    /// (a header cell with a line break in it) must still be one line.
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: "\\n")
    }
}
