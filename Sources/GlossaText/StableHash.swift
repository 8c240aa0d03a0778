/// A 128-bit hash that is the same in every process and on every machine (Swift's `Hasher`
/// is seeded per process, so it cannot key data on disk). MurmurHash3 x64-128's mixing.
public struct StableHash: Hashable, Sendable {
    /// The high 64 bits.
    public let high: UInt64
    /// The low 64 bits.
    public let low: UInt64

    /// A hash from its two halves (as stored).
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The hash of `bytes` under `seed`.
    public init(_ bytes: some Collection<UInt8>, seed: UInt64 = 0) {
        self = bytes.withContiguousStorageIfAvailable { Self(raw: UnsafeRawBufferPointer($0), seed: seed) }
            ?? Array(bytes).withUnsafeBytes { Self(raw: $0, seed: seed) }
    }

    private init(raw bytes: UnsafeRawBufferPointer, seed: UInt64) {
        var h1 = seed, h2 = seed
        let c1: UInt64 = 0x87c3_7b91_1142_53d5, c2: UInt64 = 0x4cf5_ad43_2745_937f
        let blocks = bytes.count / 16
        for block in 0..<blocks {
            let k1 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: block * 16, as: UInt64.self))
            let k2 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: block * 16 + 8, as: UInt64.self))
            h1 ^= Self.mixK1(k1, c1, c2); h1 = Self.rotl(h1, 27) &+ h2; h1 = h1 &* 5 &+ 0x52dc_e729
            h2 ^= Self.mixK2(k2, c1, c2); h2 = Self.rotl(h2, 31) &+ h1; h2 = h2 &* 5 &+ 0x3849_5ab5
        }
        var k1: UInt64 = 0, k2: UInt64 = 0
        let tail = blocks * 16
        for index in tail..<bytes.count {
            let shift = UInt64(8 * ((index - tail) % 8))
            if index - tail < 8 { k1 |= UInt64(bytes[index]) << shift } else { k2 |= UInt64(bytes[index]) << shift }
        }
        if bytes.count > tail {
            h1 ^= Self.mixK1(k1, c1, c2)
            if bytes.count - tail > 8 { h2 ^= Self.mixK2(k2, c1, c2) }
        }
        let length = UInt64(bytes.count)
        h1 ^= length; h2 ^= length
        h1 = h1 &+ h2; h2 = h2 &+ h1
        h1 = Self.fmix(h1); h2 = Self.fmix(h2)
        h1 = h1 &+ h2; h2 = h2 &+ h1
        high = h1
        low = h2
    }

    /// The hash of a string's UTF-8 bytes.
    public init(_ text: String, seed: UInt64 = 0) {
        var text = text
        self = text.withUTF8 { Self(raw: UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// The high half as a signed integer, the type SQLite stores.
    public var int64: Int64 { Int64(bitPattern: high) }

    /// All 128 bits, big-endian, for a BLOB key.
    public var bytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        append(to: &bytes)
        return bytes
    }

    /// Appends the 16 big-endian bytes to `buffer` (no intermediate array).
    public func append(to buffer: inout [UInt8]) {
        withUnsafeBytes(of: high.bigEndian) { buffer.append(contentsOf: $0) }
        withUnsafeBytes(of: low.bigEndian) { buffer.append(contentsOf: $0) }
    }

    private static func rotl(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
    private static func mixK1(_ k: UInt64, _ c1: UInt64, _ c2: UInt64) -> UInt64 { rotl(k &* c1, 31) &* c2 }
    private static func mixK2(_ k: UInt64, _ c1: UInt64, _ c2: UInt64) -> UInt64 { rotl(k &* c2, 33) &* c1 }
    private static func fmix(_ k: UInt64) -> UInt64 {
        var k = k
        k ^= k >> 33; k = k &* 0xff51_afd7_ed55_8ccd
        k ^= k >> 33; k = k &* 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }
}
