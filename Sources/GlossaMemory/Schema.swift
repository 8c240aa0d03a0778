/// The TM's SQL schema and its migrations. A TM file records its version in
/// `PRAGMA user_version`, and `application_id` marks it as Glossa's.
enum Schema {
    /// "Glss": tells a Glossa TM from any other SQLite file.
    static let applicationID: Int64 = 0x476C_7373

    /// The unique index on units' content keys: what turns duplicates away.
    static let contentIndex = "unit_content"

    /// Migrations in order; migration N brings a TM from version N-1 to N. Never edit a
    /// released one: add the next.
    static let migrations: [String] = [
        """
        CREATE TABLE unit (
            id          INTEGER PRIMARY KEY,
            content_key BLOB NOT NULL,         -- stable 128-bit hash of the unit's (language, lookup form) pairs
            external_id TEXT,                  -- tuid or id in the source format
            origin      TEXT,                  -- document or file the unit came from
            context     TEXT,
            created_at  TEXT, created_by TEXT, -- ISO 8601 UTC, author
            changed_at  TEXT, changed_by TEXT
        );
        CREATE UNIQUE INDEX unit_content ON unit(content_key);
        CREATE TABLE variant (
            id          INTEGER PRIMARY KEY,
            unit_id     INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
            lang        TEXT NOT NULL,         -- canonical BCP-47 tag
            text        TEXT NOT NULL,         -- as written
            normalized  TEXT,                  -- lookup form (NFC, spaces collapsed); NULL when equal to text
            hash        INTEGER NOT NULL,      -- stable hash of language and lookup form, for exact lookup
            created_at  TEXT, created_by TEXT,
            changed_at  TEXT, changed_by TEXT
        );
        CREATE INDEX variant_unit ON variant(unit_id);  -- one variant per language: enforced on write
        CREATE INDEX variant_exact ON variant(hash);
        CREATE TABLE note (
            id      INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
            lang    TEXT,                      -- NULL for a note on the unit, else on that variant
            text    TEXT NOT NULL
        );
        CREATE INDEX note_unit ON note(unit_id);
        CREATE TABLE prop (
            id      INTEGER PRIMARY KEY,
            unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
            lang    TEXT,                      -- NULL for a property of the unit, else of that variant
            name    TEXT NOT NULL,
            value   TEXT NOT NULL
        );
        CREATE INDEX prop_unit ON prop(unit_id);
        """,
        """
        ALTER TABLE variant ADD COLUMN markup TEXT;   -- inline codes as TMX level-2 XML; NULL for plain text
        ALTER TABLE note ADD COLUMN xml_lang TEXT;    -- the language the note is written in
        ALTER TABLE prop ADD COLUMN xml_lang TEXT;    -- the language the value is written in
        """,
        """
        CREATE TABLE document (                       -- an imported file's header (TMX header)
            id          INTEGER PRIMARY KEY,
            origin      TEXT NOT NULL,                -- the origin its units carry
            format      TEXT NOT NULL,
            imported_at TEXT NOT NULL
        );
        CREATE TABLE document_entry (                 -- its attributes, notes and props, in order
            id          INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
            kind        TEXT NOT NULL CHECK (kind IN ('attribute', 'note', 'prop')),
            name        TEXT,
            value       TEXT NOT NULL,
            xml_lang    TEXT
        );
        CREATE INDEX document_entry_document ON document_entry(document_id);
        """,
        """
        ALTER TABLE variant ADD COLUMN tokens BLOB;   -- the text's search token ids in order, as varints
        CREATE TABLE search_token (                   -- the fuzzy index's vocabulary
            id        INTEGER PRIMARY KEY,
            lang      TEXT NOT NULL,                  -- primary language subtag: en-US and en-GB share one
            token     TEXT NOT NULL,                  -- case-folded word, or # for any number
            frequency INTEGER NOT NULL,               -- variants holding it: rarest tokens are looked up first
            UNIQUE (lang, token)
        );
        CREATE TABLE fuzzy_posting (                  -- variants per token, one row per token per import chunk
            token    INTEGER NOT NULL,                -- search_token.id
            first    INTEGER NOT NULL,                -- smallest variant id in the chunk
            postings BLOB NOT NULL,                   -- variant ids grouped by word count (see PostingList)
            PRIMARY KEY (token, first)
        ) WITHOUT ROWID;
        CREATE TABLE search_state (                   -- one row: the next variant id an import hands out,
            next_variant_id INTEGER NOT NULL          -- so ids a turned-away duplicate left unused stay unused
        );
        INSERT INTO search_state VALUES (1);
        CREATE VIRTUAL TABLE concordance USING fts5(  -- full-text search over variant text
            text, content = 'variant', content_rowid = 'id', tokenize = 'glossa_icu',
            columnsize = 0                            -- no per-row token counts: hits are ranked by recency, not bm25
        );
        -- Index pages of about a database page: in a standalone FTS5 load (with columnsize = 0) a
        -- third less insert time than the 1,000-byte default.
        INSERT INTO concordance (concordance, rank) VALUES ('pgsz', 4000);
        """,
        """
        ALTER TABLE search_state ADD COLUMN pending_from INTEGER;  -- first variant id an import stored without search
                                                                   -- indexes (--defer-index); NULL when every variant is indexed
        """,
        """
        ALTER TABLE note ADD COLUMN o_encoding TEXT;            -- the original encoding (TMX o-encoding)
        ALTER TABLE prop ADD COLUMN o_encoding TEXT;
        ALTER TABLE document_entry ADD COLUMN o_encoding TEXT;
        """,
        """
        -- Fuzzy-search words write the apostrophes ’ and ʼ as ' (MatchTokenizer.word): a TM
        -- holding either is re-indexed on migration (see apostropheFoldingVersion).
        """,
        """
        ALTER TABLE unit ADD COLUMN source_lang TEXT;     -- the language the unit was translated from; NULL when not known
        ALTER TABLE note ADD COLUMN variant_id INTEGER;   -- the variant a note is on: a language may have several; NULL on
        ALTER TABLE prop ADD COLUMN variant_id INTEGER;   -- the unit, or (before schema 8) on the first variant in lang
        -- A unit's content_key covers its inline codes, id, context and properties (ContentKey):
        -- the keys of a TM from before are computed again on migration (see identityVersion).
        -- Its full-text entries are cut from the stored text, and @ is a letter to the word cut:
        -- a TM holding either kind of text has its search indexes built again.
        """,
        """
        ALTER TABLE search_state ADD COLUMN next_unit_id INTEGER;  -- above every unit id ever deleted: a new unit never
                                                                   -- takes a deleted one's id; NULL before any deletion
        """,
        """
        -- Software placeholders (%s, %1$d, {name}, %(count)d: see Placeholders) are inline codes to
        -- fuzzy matching, not words: a TM holding % or { has its search indexes built again on
        -- migration (see placeholderVersion).
        """,
    ]

    /// The first version with the search index: a TM migrated from before it has the index
    /// built from its variants.
    static let searchIndexVersion: Int64 = 4

    /// The first version whose fuzzy-search words fold ’ and ʼ into ': a TM migrated from
    /// before it, with text holding either, has its search indexes built again.
    static let apostropheFoldingVersion: Int64 = 7

    /// The first version whose content keys cover inline codes, ids and properties (see
    /// `ContentKey`): a TM migrated from before it has its units keyed again.
    static let identityVersion: Int64 = 8

    /// The first version whose fuzzy-search words leave out software placeholders: a TM
    /// migrated from before it, with text holding `%` or `{`, has its search indexes built again.
    static let placeholderVersion: Int64 = 10

    /// The version this build creates and reads.
    static var currentVersion: Int64 { Int64(migrations.count) }
}
