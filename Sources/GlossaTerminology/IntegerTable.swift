/// A hash table from 64-bit keys to 32-bit values with open addressing and Fibonacci
/// hashing: the matcher's token cache and trie edges. Swift's Dictionary hashes every key
/// with SipHash, which was a tenth of the scan time; these keys are already well mixed. Key
/// and value share a slot, so a lookup touches one cache line.
struct IntegerTable: Sendable {
    private struct Slot {
        var key: UInt64
        var value: Int32
    }

    /// Marks an empty slot; a key equal to it is stored as `emptyKey - 1`.
    private static let emptyKey = UInt64.max
    private var slots: [Slot]
    private var shift: UInt64
    /// Entries stored.
    private(set) var count = 0

    /// A table sized for about `capacity` entries before it grows.
    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: Self.emptyKey, value: 0), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private static func storable(_ key: UInt64) -> UInt64 { key == emptyKey ? emptyKey - 1 : key }

    /// The value stored for `key`.
    @inline(__always)
    func value(for key: UInt64) -> Int32? {
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
    mutating func set(_ value: Int32, for key: UInt64) {
        if (count + 1) * 2 > slots.count { grow() }
        let key = Self.storable(key)
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while slots[index].key != Self.emptyKey && slots[index].key != key { index = (index + 1) & mask }
        if slots[index].key == Self.emptyKey { count += 1 }
        slots[index] = Slot(key: key, value: value)
    }

    /// Empties the table, keeping its size.
    mutating func removeAll() {
        for index in slots.indices { slots[index].key = Self.emptyKey }
        count = 0
    }

    private mutating func grow() {
        var larger = IntegerTable(capacity: slots.count)
        for slot in slots where slot.key != Self.emptyKey { larger.set(slot.value, for: slot.key) }
        self = larger
    }
}
