import GlossaText

/// Token ids by language and word, and how many variants hold each, as the producer side of
/// an import grows them; `store` writes what changed.
package struct SearchVocabulary {
    private struct Key: Hashable {
        let language: String
        let word: String
    }
    /// What one language tag needs to turn text into token ids, reused across variants.
    private struct WordTable {
        let language: String
        let vocabularyLanguage: String
        let tokenizer: MatchTokenizer
        /// A word's bytes as written (FNV-1a) → its index in `words`: a word seen before is
        /// neither folded nor hashed as a string again.
        var cache = IntegerTable(capacity: 1 << 12)
        /// Per word as written: its token id and where its full-text form lies in `forms`.
        var words: [(id: UInt32, start: Int32, end: Int32)] = []
        var forms: [UInt8] = []

        init(language: String) throws {
            self.language = language
            let tag = try LanguageTag(language)
            vocabularyLanguage = tag.language
            tokenizer = try MatchTokenizer(language: tag)
        }
    }
    private var ids: [Key: UInt32] = [:]
    private var nextID: UInt32 = 1
    private var firstNewID: UInt32 = 1
    /// Per token id, variants added in this write that hold it (ids are dense).
    private var added: [Int32] = []
    /// One table per language tag met (an import has a handful), most recently used last, at
    /// most `tablesKept`: a file with ten thousand language tags (one TMX unit held as many,
    /// each `en-x-…`) made a table each, 1.4 GB; past the limit the least recently used goes,
    /// and with it only its cache (token ids live in `ids`).
    private var tables: [WordTable] = []
    private static let tablesKept = 32
    private var newWords: [UInt32: Key] = [:]
    private var scratch: [UInt32] = []
    /// Where each word of the text being cut has its folded form in its table's `forms`.
    private var formRanges: [(start: Int32, end: Int32)] = []
    /// Per token id, the `variantStamp` of the last text that held it.
    private var seenIn: [UInt32] = []
    private var variantStamp: UInt32 = 0
    private static let cacheLimit = 1 << 22

    /// The vocabulary stored in an SQLite TM.
    init(connection: SQLiteConnection) throws {
        self.init(entries: try Self.entries(connection))
    }

    /// The tokens an SQLite TM's `search_token` holds.
    static func entries(_ connection: SQLiteConnection) throws -> [(id: UInt32, language: String, word: String)] {
        let rows = try connection.prepare("SELECT id, lang, token FROM search_token")
        var entries: [(id: UInt32, language: String, word: String)] = []
        while try rows.step() { entries.append((UInt32(rows.int64(0)), rows.string(1) ?? "", rows.string(2) ?? "")) }
        return entries
    }

    /// The vocabulary whose tokens are `entries`: what a store keeps in `search_token`.
    package init(entries: [(id: UInt32, language: String, word: String)]) {
        for entry in entries {
            ids[Key(language: entry.language, word: entry.word)] = entry.id
            nextID = max(nextID, entry.id + 1)
        }
        firstNewID = nextID
        added = [Int32](repeating: 0, count: Int(nextID))
    }

    /// The index entry for `text` (in NFC, as lookup forms are) in `language` (a canonical
    /// tag), counting its tokens. `stored` is the text as the variant stores it, when it is not
    /// `text` itself: its full-text entry is cut from that, since FTS5 cuts the stored text for
    /// its highlights and its integrity check, and folding white space can join or part words
    /// (U+202F, the narrow no-break space between thousands, joins digits as ICU cuts them,
    /// and a space parts them).
    package mutating func tokens(ofNFC text: String, stored: String? = nil, language: String) throws -> SearchTokens {
        // The table is moved out while in use, so the loop below works on a local value.
        var table: WordTable
        if let index = tables.firstIndex(where: { $0.language == language }) {
            table = tables.remove(at: index)
        } else {
            table = try WordTable(language: language)
        }
        defer {
            tables.append(table)
            if tables.count > Self.tablesKept { tables.removeFirst() }
        }
        // Emptied between texts only: the ranges gathered below point into `table.forms`.
        if table.cache.count >= Self.cacheLimit {
            table.cache.removeAll()
            table.words.removeAll()
            table.forms.removeAll()
        }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(64)
        scratch.removeAll(keepingCapacity: true)
        formRanges.removeAll(keepingCapacity: true)
        table.tokenizer.forEachWord(ofNFC: text) { bytes, isNumber, inCode in
            let word = table.words[self.index(of: bytes, isNumber: isNumber, in: &table)]
            if stored == nil { formRanges.append((word.start, word.end)) }
            guard !inCode else { return }
            VarInt.append(UInt64(word.id), to: &encoded)
            scratch.append(word.id)
        }
        if let stored {
            table.tokenizer.forEachWord(ofNFC: stored) { bytes, isNumber, _ in
                let word = table.words[self.index(of: bytes, isNumber: isNumber, in: &table)]
                formRanges.append((word.start, word.end))
            }
        }
        // Each id once, in first-seen order: a stamp per token id marks those this text has
        // given already (cheaper than sorting the ids).
        variantStamp &+= 1
        if variantStamp == 0 {
            seenIn = [UInt32](repeating: 0, count: seenIn.count)
            variantStamp = 1
        }
        if seenIn.count < added.count { seenIn.append(contentsOf: repeatElement(0, count: added.count - seenIn.count)) }
        var distinct: [UInt32] = []
        distinct.reserveCapacity(scratch.count)
        for id in scratch where seenIn[Int(id)] != variantStamp {
            seenIn[Int(id)] = variantStamp
            distinct.append(id)
            added[Int(id)] += 1
        }
        return SearchTokens(encoded: encoded, distinct: distinct, length: scratch.count,
                            fullText: Self.fullText(joining: formRanges, of: table.forms))
    }

    /// The full-text document of a text: 0x01, then its words' folded forms (`ranges` of
    /// `forms`) separated by 0x1F. Built in one allocation once the words are known: appending
    /// each form as it came cost a twentieth of the tokenizing.
    private static func fullText(joining ranges: [(start: Int32, end: Int32)], of forms: [UInt8]) -> [UInt8] {
        let length = ranges.reduce(1 + max(0, ranges.count - 1)) { $0 + Int($1.end - $1.start) }
        return forms.withUnsafeBufferPointer { forms in
            [UInt8](unsafeUninitializedCapacity: length) { buffer, count in
                buffer[0] = 0x01
                var position = 1
                for (index, range) in ranges.enumerated() {
                    if index > 0 {
                        buffer[position] = 0x1F
                        position += 1
                    }
                    let size = Int(range.end - range.start)
                    if size > 0 {
                        (buffer.baseAddress! + position).update(from: forms.baseAddress! + Int(range.start), count: size)
                    }
                    position += size
                }
                count = position
            }
        }
    }

    /// The index in `table.words` of the word written as `bytes`, learned if it is new.
    private mutating func index(of bytes: UnsafeBufferPointer<UInt8>, isNumber: Bool, in table: inout WordTable) -> Int {
        let key = IntegerTable.key(of: bytes)
        if let cached = table.cache.value(for: key) { return Int(cached) }
        let index = learn(bytes, isNumber: isNumber, in: &table)
        table.cache.set(Int32(index), for: key)
        return index
    }

    /// Folds a word seen for the first time (as written) and records it; returns its index.
    private mutating func learn(_ bytes: UnsafeBufferPointer<UInt8>, isNumber: Bool, in table: inout WordTable) -> Int {
        let surface = String(decoding: bytes, as: UTF8.self)
        let id = id(of: MatchTokenizer.word(surface, isNumber: isNumber), language: table.vocabularyLanguage)
        let start = Int32(table.forms.count)
        table.forms += surface.normalized(.nfkcCasefold).utf8
        table.words.append((id, start, Int32(table.forms.count)))
        return table.words.count - 1
    }

    private mutating func id(of word: String, language: String) -> UInt32 {
        let key = Key(language: language, word: word)
        if let known = ids[key] { return known }
        let id = nextID
        nextID += 1
        ids[key] = id
        newWords[id] = key
        if added.count <= Int(id) { added.append(contentsOf: repeatElement(0, count: Int(id) + 1 - added.count)) }
        return id
    }

    /// What this write changed: each token some variant added holds, with how many hold it,
    /// and its language and word when the token is new (else it is stored already).
    package var counted: [(id: UInt32, new: (language: String, word: String)?, count: Int)] {
        added.enumerated().compactMap { index, count in
            guard count > 0 else { return nil }
            let id = UInt32(index)
            let key = id >= firstNewID ? newWords[id] : nil
            return (id, key.map { ($0.language, $0.word) }, Int(count))
        }
    }

    /// Inserts the new tokens and adds this write's counts to the stored ones.
    func store(into connection: SQLiteConnection) throws {
        let insert = try connection.prepare("INSERT INTO search_token (id, lang, token, frequency) VALUES (?1, ?2, ?3, ?4)")
        let update = try connection.prepare("UPDATE search_token SET frequency = frequency + ?2 WHERE id = ?1")
        for (id, new, count) in counted {
            if let new {
                insert.reset()
                insert.bind(1, Int64(id))
                insert.bind(2, new.language)
                insert.bind(3, new.word)
                insert.bind(4, Int64(count))
                try insert.step()
            } else {
                update.reset()
                update.bind(1, Int64(id))
                update.bind(2, Int64(count))
                try update.step()
            }
        }
    }
}
