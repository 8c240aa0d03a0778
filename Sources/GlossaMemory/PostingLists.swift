/// One row of `fuzzy_posting`, encoded.
package struct PostingChunk: Sendable {
    package let token: UInt32
    package let first: Int64
    package let postings: [UInt8]

    /// Inserts the chunks with a statement compiled on `connection`.
    static func inserter(on connection: SQLiteConnection) throws -> ([PostingChunk]) throws -> Void {
        let insert = try connection.prepare("INSERT INTO fuzzy_posting (token, first, postings) VALUES (?1, ?2, ?3)")
        return { chunks in
            for chunk in chunks {
                insert.reset()
                insert.bind(1, Int64(chunk.token))
                insert.bind(2, chunk.first)
                insert.bind(3, chunk.postings)
                try insert.step()
            }
        }
    }
}

/// Posting lists gathered as variants are prepared, handed out as encoded chunks (one per
/// token) whenever enough are held, so memory stays bounded on any import. Postings are
/// appended to two flat arrays (no per-token array to reach for every word) and grouped by
/// token with a counting sort when drained.
package struct PostingAccumulator {
    private var tokens: [UInt32] = []
    /// `PostingList.entry` values, beside `tokens`.
    private var entries: [UInt64] = []

    package init() {}
    /// Postings held before `isFull`: 24 MB, and 16 MB more while draining, so a TMX import
    /// stays under 200 MB (a chunk per token every ~40,000 units: lookups read a few more rows).
    private static let threshold = 2_000_000

    /// Whether it is time to `drain`.
    package var isFull: Bool { tokens.count >= Self.threshold }

    /// Records that variant `id` holds `tokens`.
    package mutating func add(variant id: Int64, _ search: SearchTokens) {
        let entry = PostingList.entry(variant: id, length: search.length)
        tokens.append(contentsOf: search.distinct)
        entries.append(contentsOf: repeatElement(entry, count: search.distinct.count))
    }

    /// What is held, as one chunk per token; empties the accumulator.
    package mutating func drain() -> [PostingChunk] {
        guard let largest = tokens.max() else { return [] }
        var starts = [Int](repeating: 0, count: Int(largest) + 2)
        for token in tokens { starts[Int(token) + 1] += 1 }
        for index in 1..<starts.count { starts[index] += starts[index - 1] }
        var grouped = [UInt64](repeating: 0, count: entries.count)
        var next = starts
        for (token, entry) in zip(tokens, entries) {
            grouped[next[Int(token)]] = entry
            next[Int(token)] += 1
        }
        var chunks: [PostingChunk] = []
        var counts = [Int](repeating: 0, count: SearchIndex.longestLength + 2)
        var scratch: [UInt64] = []
        for token in 0...Int(largest) where starts[token] < starts[token + 1] {
            let range = starts[token]..<starts[token + 1]
            Self.sortByLength(&grouped[range], counts: &counts, scratch: &scratch)
            grouped.withUnsafeBufferPointer { grouped in
                let list = UnsafeBufferPointer(rebasing: grouped[range])
                chunks.append(PostingChunk(token: UInt32(token), first: list.lazy.map(PostingList.variant).min() ?? 0,
                                           postings: PostingList.encode(list)))
            }
        }
        tokens.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        return chunks
    }

    /// Puts a token's postings, which arrive in variant order, in (word count, variant)
    /// order, in place: a stable counting sort by word count for long lists (a frequent
    /// word's list holds most of the postings), a comparison sort for short ones.
    private static func sortByLength(_ postings: inout ArraySlice<UInt64>, counts: inout [Int], scratch: inout [UInt64]) {
        guard postings.count > 256 else { return postings.sort() }
        for index in counts.indices { counts[index] = 0 }
        for entry in postings { counts[PostingList.length(entry) + 1] += 1 }
        for index in 1..<counts.count { counts[index] += counts[index - 1] }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: repeatElement(0, count: postings.count))
        for entry in postings {
            let length = PostingList.length(entry)
            scratch[counts[length]] = entry
            counts[length] += 1
        }
        postings.replaceSubrange(postings.indices, with: scratch)
    }
}

/// The blob format of a posting list chunk: groups of (word count, number of variants, byte
/// size of the ids, delta-coded variant ids), by ascending word count.
package enum PostingList {
    /// One posting as a number that sorts by word count, then variant id.
    static func entry(variant: Int64, length: Int) -> UInt64 {
        UInt64(min(length, SearchIndex.longestLength)) << lengthShift | UInt64(variant)
    }

    static func variant(_ entry: UInt64) -> Int64 { Int64(entry & variantMask) }

    /// The word count in an entry.
    static func length(_ entry: UInt64) -> Int { Int(entry >> lengthShift) }

    /// An entry holds the word count above the variant id's 53 bits.
    private static var lengthShift: UInt64 { 53 }
    private static var variantMask: UInt64 { 1 << lengthShift - 1 }

    /// Encodes sorted `entry` values. Every varint is sized first and the bytes written into
    /// an array of exactly that size: appending them one by one was half the time of a drain.
    static func encode(_ entries: UnsafeBufferPointer<UInt64>) -> [UInt8] {
        /// The end of the group (a run of one word count) starting at `start`, and the bytes
        /// of its delta-coded ids.
        func group(at start: Int) -> (end: Int, idBytes: Int) {
            let length = self.length(entries[start])
            var end = start, previous: UInt64 = 0, idBytes = 0
            while end < entries.count && self.length(entries[end]) == length {
                let variant = entries[end] & variantMask
                idBytes += VarInt.size(variant - previous)
                previous = variant
                end += 1
            }
            return (end, idBytes)
        }
        var total = 0, start = 0
        while start < entries.count {
            let (end, idBytes) = group(at: start)
            total += VarInt.size(UInt64(length(entries[start]))) + VarInt.size(UInt64(end - start)) + VarInt.size(UInt64(idBytes)) + idBytes
            start = end
        }
        return [UInt8](unsafeUninitializedCapacity: total) { bytes, count in
            var start = 0
            while start < entries.count {
                let (end, idBytes) = group(at: start)
                VarInt.write(UInt64(length(entries[start])), into: bytes, at: &count)
                VarInt.write(UInt64(end - start), into: bytes, at: &count)
                VarInt.write(UInt64(idBytes), into: bytes, at: &count)
                var previous: UInt64 = 0
                for index in start..<end {
                    let variant = entries[index] & variantMask
                    VarInt.write(variant - previous, into: bytes, at: &count)
                    previous = variant
                }
                start = end
            }
        }
    }

    /// Appends to `variants` the ids in `bytes` whose word count lies in `lengths`.
    package static func decode(_ bytes: UnsafeRawBufferPointer, lengths: ClosedRange<Int>, into variants: inout [Int64]) {
        var position = 0
        while position < bytes.count {
            let length = Int(VarInt.read(bytes, at: &position))
            let count = Int(VarInt.read(bytes, at: &position))
            let size = Int(VarInt.read(bytes, at: &position))
            if length > lengths.upperBound { return }
            guard length >= lengths.lowerBound else {
                position += size
                continue
            }
            var previous: UInt64 = 0
            for _ in 0..<count {
                previous += VarInt.read(bytes, at: &position)
                variants.append(Int64(previous))
            }
        }
    }
}

/// LEB128 variable-length unsigned integers: small ids in one or two bytes.
package enum VarInt {
    /// How many bytes `value` takes.
    @inline(__always)
    static func size(_ value: UInt64) -> Int { max(1, (64 - value.leadingZeroBitCount + 6) / 7) }

    /// Writes `value` at `position` of `bytes`, which must have room, and moves past it.
    @inline(__always)
    static func write(_ value: UInt64, into bytes: UnsafeMutableBufferPointer<UInt8>, at position: inout Int) {
        var value = value
        while value >= 0x80 {
            bytes[position] = UInt8(value & 0x7F) | 0x80
            position += 1
            value >>= 7
        }
        bytes[position] = UInt8(value)
        position += 1
    }

    @inline(__always)
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    static func read(_ bytes: UnsafeRawBufferPointer, at position: inout Int) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return value
    }

    /// All the values in `bytes`.
    package static func decodeAll(_ bytes: UnsafeRawBufferPointer) -> [UInt32] {
        var values: [UInt32] = []
        var position = 0
        while position < bytes.count { values.append(UInt32(truncatingIfNeeded: read(bytes, at: &position))) }
        return values
    }
}
