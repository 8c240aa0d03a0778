import Foundation
import GlossaCheck
import GlossaCore
import GlossaFormats
import GlossaSegmentation
import GlossaTerminology

/// The fuzzing run: libFuzzer's driver (its command line: corpus folders, -max_total_time, …)
/// calling `fuzzOneInput` with each input. Built only with `GLOSSA_FUZZ=1` (see `Scripts/fuzz`).
@main
enum GlossaFuzz {
    static func main() {
        _ = FuzzTarget.current  // an unknown target stops the run before libFuzzer starts
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
    }
}

/// libFuzzer's driver, from the runtime `-sanitize=fuzzer` links.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// One input through the reader `GLOSSA_FUZZ_TARGET` names. A reader may refuse an input with
/// an error (that is its job); a trap, a sanitizer report, a hang or memory past libFuzzer's
/// limit is a finding.
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = try? FuzzTarget.current.read(bytes)
    return 0
}

/// The readers fuzzed, each taking a file's bytes as the command that reads such a file does.
enum FuzzTarget: String, CaseIterable {
    case tmx, xliff, po, tbx, tsv, csv, srx, markdown, html, config

    /// The target named by `GLOSSA_FUZZ_TARGET`; a missing or unknown name stops the run.
    static let current: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["GLOSSA_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("set GLOSSA_FUZZ_TARGET to one of \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return target
    }()

    private static let origin = ImportOrigin(document: "fuzz")

    /// Reads `bytes` as this target's format, to the end.
    func read(_ bytes: [UInt8]) throws {
        switch self {
        case .tmx:
            _ = try TMXReader(origin: Self.origin, skipInvalid: true).read(bytes: bytes, file: "fuzz.tmx") { _, _ in }
        case .xliff:
            _ = try XLIFFReader(origin: Self.origin, includeUnconfirmed: true).read(bytes: bytes, file: "fuzz.xlf") { _, _ in }
        case .po:
            let source = try POReader.sourceText(bytes: bytes, file: "fuzz.po")
            try POReader(origin: Self.origin, sourceLanguage: "en", fallbackLanguage: "ru", includeFuzzy: true).read(source) { _, _ in }
        case .tbx:
            _ = try TBXReader().read(bytes: bytes, file: "fuzz.tbx")
            _ = try TBXValidator().validate(bytes: bytes, file: "fuzz.tbx")
        case .tsv, .csv:
            let source = try SourceText(bytes: bytes, file: "fuzz.\(rawValue)")
            try TabularReader.read(source, dialect: self == .tsv ? .tsv : .csv, origin: Self.origin) { _, _ in }
            _ = try GlossaryTable.read(source, dialect: self == .tsv ? .tsv : .csv)
        case .srx:
            _ = try SRXDocument(bytes: bytes, file: "fuzz.srx")
        case .markdown, .html:
            let segmenter = try SentenceSegmenter(language: "en")
            _ = try DocumentSegmenter(segmenter: segmenter).segment(bytes: bytes, file: "fuzz", format: self == .html ? .html : .markdown)
        case .config:
            _ = try CheckConfiguration.load(bytes: bytes, file: ".glossa.yml")
        }
    }
}
