import CGlossaICU

/// Runs an ICU shim function that writes UTF-8 into a buffer, growing the buffer when ICU
/// reports that the result did not fit. The shim returns the full length either way.
func icuTransform(
    _ input: String,
    _ body: (UnsafePointer<CChar>, Int32, UnsafeMutablePointer<CChar>, Int32, UnsafeMutablePointer<Int32>) -> Int32
) -> String {
    if input.isEmpty { return input }
    var input = input
    return input.withUTF8 { source in
        source.withMemoryRebound(to: CChar.self) { source in
            var capacity = source.count + source.count / 2 + 16
            while true {
                var status: Int32 = 0
                var needed: Int32 = 0
                let result = String(unsafeUninitializedCapacity: capacity) { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { dest in
                        needed = body(source.baseAddress!, Int32(source.count),
                                      dest.baseAddress!, Int32(capacity), &status)
                    }
                    return status > 0 ? 0 : Int(needed)
                }
                if status <= 0 { return result }
                guard status == bufferOverflow else {
                    preconditionFailure("ICU failed: \(String(cString: CGlossaICU_errorName(status)))")
                }
                capacity = Int(needed) + 1
            }
        }
    }
}

private let bufferOverflow: Int32 = 15

extension String {
    /// True when every byte is ASCII: such text is already in every normalization form.
    var isASCII: Bool {
        utf8.allSatisfy { $0 < 0x80 }
    }
}
