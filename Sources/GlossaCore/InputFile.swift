import Foundation

/// The files a user names: checked before anything is done with them, and read whole.
public enum InputFile {
    /// Checks that a file is there, is a file, and can be read.
    public static func checkReadable(_ path: String) throws(InputError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError("no such file", file: path)
        }
        guard !isDirectory.boolValue else { throw InputError("is a folder, not a file", file: path) }
        guard FileManager.default.isReadableFile(atPath: path) else { throw InputError("cannot read the file", file: path) }
    }

    /// Reads a whole file (mapped into memory where the system allows), or standard input for
    /// "-"; a missing or unreadable file is an `InputError`.
    public static func contents(of path: String) throws(InputError) -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        try checkReadable(path)
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        } catch {
            throw InputError("cannot read the file", file: path)
        }
    }
}
