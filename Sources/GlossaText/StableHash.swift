/// A 128-bit hash that is the same in every process and on every machine (Swift's `Hasher`
/// is seeded per process, so it cannot key data on disk). MurmurHash3 x64-128's mixing.
public struct StableHash: Hashable, Sendable {
    /// The high 64 bits.
    public let high: UInt64
    /// The low 64 bits.
    public let low: UInt64

    /// The hash of `bytes` under `seed`.
    public init(_ bytes: some Collection<UInt8>, seed: UInt64 = 0) {
        var h1 = seed, h2 = seed
        let c1: UInt64 = 0x87c3_7b91_1142_53d5, c2: UInt64 = 0x4cf5_ad43_2745_937f
        var k1: UInt64 = 0, k2: UInt64 = 0, filled = 0, length: UInt64 = 0
        for byte in bytes {
            if filled < 8 { k1 |= UInt64(byte) << (8 * UInt64(filled)) } else { k2 |= UInt64(byte) << (8 * UInt64(filled - 8)) }
            filled += 1
            length += 1
            if filled == 16 {
                h1 ^= Self.mixK1(k1, c1, c2); h1 = Self.rotl(h1, 27) &+ h2; h1 = h1 &* 5 &+ 0x52dc_e729
                h2 ^= Self.mixK2(k2, c1, c2); h2 = Self.rotl(h2, 31) &+ h1; h2 = h2 &* 5 &+ 0x3849_5ab5
                k1 = 0; k2 = 0; filled = 0
            }
        }
        if filled > 0 {
            h1 ^= Self.mixK1(k1, c1, c2)
            if filled > 8 { h2 ^= Self.mixK2(k2, c1, c2) }
        }
        h1 ^= length; h2 ^= length
        h1 = h1 &+ h2; h2 = h2 &+ h1
        h1 = Self.fmix(h1); h2 = Self.fmix(h2)
        h1 = h1 &+ h2; h2 = h2 &+ h1
        high = h1
        low = h2
    }

    /// The hash of a string's UTF-8 bytes.
    public init(_ text: String, seed: UInt64 = 0) {
        self.init(text.utf8, seed: seed)
    }

    /// The high half as a signed integer, the type SQLite stores.
    public var int64: Int64 { Int64(bitPattern: high) }

    /// All 128 bits, big-endian, for a BLOB key.
    public var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64($0))) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64($0))) }
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
