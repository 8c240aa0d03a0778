/// A set of `StableHash`es with open addressing: the content keys a bulk import has written,
/// to catch duplicates without the unique index. The hashes are uniformly distributed
/// already, so their low bits pick the slot; `Set` would hash each one again with SipHash,
/// which with its resizing was a twentieth of a TMX import's parsing thread.
package struct StableHashSet: Sendable {
    /// Both halves zero marks an empty slot; the hash that is really zero is kept aside.
    private var slots: [StableHash]
    private var containsZero = false
    /// Hashes stored.
    package private(set) var count = 0

    /// An empty set sized for about `capacity` hashes before it grows.
    package init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [StableHash](repeating: Self.empty, count: size)
    }

    private static let empty = StableHash(high: 0, low: 0)

    /// Adds `hash`; false when it was there already.
    package mutating func insert(_ hash: StableHash) -> Bool {
        if hash == Self.empty {
            defer { containsZero = true }
            if !containsZero { count += 1 }
            return !containsZero
        }
        if (count + 1) * 2 > slots.count { grow() }
        let (index, found) = slot(of: hash)
        guard !found else { return false }
        slots[index] = hash
        count += 1
        return true
    }

    /// Whether `hash` is in the set.
    package func contains(_ hash: StableHash) -> Bool {
        hash == Self.empty ? containsZero : slot(of: hash).found
    }

    /// Where `hash` is, or the empty slot where it would go (never the zero hash).
    private func slot(of hash: StableHash) -> (index: Int, found: Bool) {
        slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: hash.low) & mask
            while slots[index] != Self.empty {
                if slots[index] == hash { return (index, true) }
                index = (index + 1) & mask
            }
            return (index, false)
        }
    }

    private mutating func grow() {
        var larger = StableHashSet(capacity: slots.count)
        for hash in slots where hash != Self.empty { _ = larger.insert(hash) }
        larger.containsZero = containsZero
        larger.count = count
        self = larger
    }
}
