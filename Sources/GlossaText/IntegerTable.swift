/// A hash table from 64-bit keys to 32-bit values with open addressing and Fibonacci
/// hashing: token caches keyed by a hash of the token's bytes, and the term matcher's trie
/// edges. Swift's Dictionary hashes every key
/// with SipHash, which was a tenth of the scan time; these keys are already well mixed. Key
/// and value share a slot, so a lookup touches one cache line.
package struct IntegerTable: Sendable {
    private struct Slot {
        var key: UInt64
        var value: Int32
    }

    /// Marks an empty slot; a key equal to it is stored as `emptyKey - 1`.
    private static let emptyKey = UInt64.max
    private var slots: [Slot]
    private var shift: UInt64
    /// Entries stored.
    package private(set) var count = 0

    /// A table sized for about `capacity` entries before it grows.
    package init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: Self.emptyKey, value: 0), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private static func storable(_ key: UInt64) -> UInt64 { key == emptyKey ? emptyKey - 1 : key }

    /// The value stored for `key`.
    @inline(__always)
    package func value(for key: UInt64) -> Int32? {
        let key = Self.storable(key)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while true {
                let slot = slots[index]
                if slot.key == key { return slot.value }
                if slot.key == Self.emptyKey { return nil }
                index = (index + 1) & mask
            }
        }
    }

    /// Stores `value` for `key`, replacing what was there.
    package mutating func set(_ value: Int32, for key: UInt64) {
        if (count + 1) * 2 > slots.count { grow() }
        let key = Self.storable(key)
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while slots[index].key != Self.emptyKey && slots[index].key != key { index = (index + 1) & mask }
        if slots[index].key == Self.emptyKey { count += 1 }
        slots[index] = Slot(key: key, value: value)
    }

    /// Empties the table, keeping its size.
    package mutating func removeAll() {
        for index in slots.indices { slots[index].key = Self.emptyKey }
        count = 0
    }

    private mutating func grow() {
        var larger = IntegerTable(capacity: slots.count)
        for slot in slots where slot.key != Self.emptyKey { larger.set(slot.value, for: slot.key) }
        self = larger
    }
}

extension IntegerTable {
    /// The 64-bit FNV-1a hash of `bytes`: the key token caches use for a token's bytes.
    @inline(__always)
    package static func key(of bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
