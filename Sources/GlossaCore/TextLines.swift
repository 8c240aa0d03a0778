import Foundation

/// The lines of a text, one at a time, without their terminators ("\n" or "\r\n"): line N is
/// the Nth call. What a line-based reader (TSV, CSV) takes, so that it reads a file held in
/// memory and a file streamed from disk alike. A final line break ends the last line; it does
/// not begin an empty one.
public protocol TextLines {
    /// The file name as given by the user, for messages.
    var file: String { get }
    /// The next line, or nil after the last. Throws `InputError` for text that is not UTF-8.
    mutating func next() throws(InputError) -> Substring?
}

/// The lines of a `SourceText` already in memory.
public struct SourceTextLines: TextLines {
    public let file: String
    private let lines: [Substring]
    private var index = 0

    public init(_ source: SourceText) {
        file = source.file
        var lines = source.lines
        if lines.last?.isEmpty == true { lines.removeLast() }
        self.lines = lines
    }

    public mutating func next() throws(InputError) -> Substring? {
        guard index < lines.count else { return nil }
        defer { index += 1 }
        return lines[index]
    }
}

/// The lines of a UTF-8 file read from disk a chunk at a time: memory holds one chunk and the
/// longest line, never the file, so a TSV of millions of rows streams in constant memory.
/// A UTF-16 file (a byte order mark) is decoded whole, as `SourceText` does: Excel's "Unicode
/// Text" exports are spreadsheets, not bulk loads.
public final class StreamedTextLines: TextLines {
    public let file: String
    /// Nil once closed.
    private var stream: UnsafeMutablePointer<FILE>?
    private var buffer: [UInt8] = []
    /// What one read fills, before it joins `buffer`.
    private var chunk = [UInt8](repeating: 0, count: chunkSize)
    /// How far `buffer` is known to hold no line feed: a line longer than a chunk is searched once.
    private var searched = 0
    /// Where the unread part of `buffer` starts.
    private var start = 0
    private var atEnd = false
    private var lineNumber = 0
    /// The whole text, for a UTF-16 file.
    private var decoded: SourceTextLines?
    private static let chunkSize = 1 << 20

    /// Opens `path` ("-" for standard input); `name` is the file as messages give it.
    public init(path: String, name: String? = nil) throws(InputError) {
        file = name ?? path
        // Standard input through a descriptor of its own, closed like a file's.
        guard let opened = path == "-" ? fdopen(dup(STDIN_FILENO), "rb") : fopen(path, "rb") else {
            throw InputError("cannot read: \(String(cString: strerror(errno)))", file: name ?? path)
        }
        stream = opened
        try fill()
        if let error = SourceText.binaryFileError(buffer, file: file) { throw error }
        if SourceText.utf16ByteOrder(buffer) != nil {
            while !atEnd { try fill() }
            decoded = SourceTextLines(try SourceText(bytes: buffer, file: file))
            buffer = []
        } else if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
            start = 3
        }
    }

    deinit { close() }

    /// Closes the file (at its end, or when a reader stops early); the lines read stay valid.
    public func close() {
        if let stream { fclose(stream) }
        stream = nil
    }

    public func next() throws(InputError) -> Substring? {
        if decoded != nil { return try decoded!.next() }
        while true {
            if let newline = nextNewline() {
                defer { (start, searched) = (newline + 1, 0) }
                return try line(buffer[start..<newline])
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return try line(buffer[start...])
            }
            try fill()
        }
    }

    /// The offset in `buffer` of the first line feed not read yet.
    private func nextNewline() -> Int? {
        let from = max(start, searched)
        guard from < buffer.count else { return nil }
        let found = buffer.withUnsafeBytes { bytes -> Int? in
            memchr(bytes.baseAddress! + from, 0x0A, bytes.count - from).map { UnsafeRawPointer($0) - bytes.baseAddress! }
        }
        if found == nil { searched = buffer.count }
        return found
    }

    /// Drops what was read and appends the next chunk; sets `atEnd` at the end of the file.
    private func fill() throws(InputError) {
        buffer.removeSubrange(0..<start)
        searched = max(0, searched - start)
        start = 0
        guard let stream else {
            atEnd = true
            return
        }
        let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, Self.chunkSize, stream) }
        buffer.append(contentsOf: chunk[..<count])
        if count < Self.chunkSize {
            if ferror(stream) != 0 { throw InputError("read error: \(String(cString: strerror(errno)))", file: file) }
            atEnd = true
            close()
        }
    }

    /// One line's bytes as text, its "\r" dropped, checked as UTF-8.
    private func line(_ bytes: ArraySlice<UInt8>) throws(InputError) -> Substring {
        lineNumber += 1
        let content = bytes.last == 0x0D ? bytes.dropLast() : bytes
        guard let text = String(validating: content, as: UTF8.self) else {
            throw SourceText.invalidUTF8Error(content, file: file, firstLine: lineNumber)
        }
        return Substring(text)
    }
}
