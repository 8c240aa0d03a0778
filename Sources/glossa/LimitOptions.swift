import ArgumentParser
import GlossaCore

/// How large one unit of an input file may be (`UnitLimits`), for the commands that read them.
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong(String(UnitLimits.segmentOption.dropFirst(2))),
            help: ArgumentHelp("The most bytes (UTF-8) one segment, note or property may hold; a file with a larger one is refused at its place.",
                               valueName: "bytes"))
    var maximumSegmentBytes = UnitLimits.standard.maximumSegmentBytes

    @Option(name: .customLong(String(UnitLimits.variantsOption.dropFirst(2))),
            help: ArgumentHelp("The most language variants one unit may hold.", valueName: "count"))
    var maximumVariants = UnitLimits.standard.maximumVariants

    func validate() throws {
        guard maximumSegmentBytes > 0, maximumVariants > 0 else { throw ValidationError("limits must be positive") }
    }

    /// The limits the readers apply.
    var unitLimits: UnitLimits { UnitLimits(maximumSegmentBytes: maximumSegmentBytes, maximumVariants: maximumVariants) }
}
