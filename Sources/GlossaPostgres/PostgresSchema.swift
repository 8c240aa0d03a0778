import GlossaMemory

/// The TM's schema in PostgreSQL and its migrations, versioned as the SQLite file's are: the
/// version is kept in `glossa_schema`, a newer one is refused, an older one is migrated in one
/// transaction. Servers starting together take an advisory lock, so one of them migrates and
/// the others find the work done.
///
/// The tables hold what the SQLite file's hold, column for column (dates as ISO 8601 text, so
/// a copy between the stores keeps every value as it was written); ids are Glossa's, handed
/// out from `store_state` so that a deleted unit's id is never given again.
enum PostgresSchema {
    /// The advisory lock that serializes migrations (a constant chosen for Glossa: "Glss").
    static let migrationLock: Int64 = 0x476C_7373_0001
    /// The advisory lock that serializes writes, as SQLite's one writer does.
    static let writeLock: Int64 = 0x476C_7373_0002

    /// Migrations in order; migration N brings the schema from version N-1 to N. Never edit a
    /// released one: add the next.
    static let migrations: [String] = [
        """
        CREATE TABLE unit (
            id          bigint PRIMARY KEY,
            content_key bytea NOT NULL,
            external_id text,
            origin      text,
            context     text,
            created_at  text, created_by text,
            changed_at  text, changed_by text,
            source_lang text
        );
        CREATE UNIQUE INDEX unit_content ON unit (content_key);
        CREATE TABLE variant (
            id          bigint PRIMARY KEY,
            unit_id     bigint NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
            lang        text NOT NULL,
            text        text NOT NULL,
            normalized  text,
            hash        bigint NOT NULL,
            markup      text,
            created_at  text, created_by text,
            changed_at  text, changed_by text
        );
        CREATE INDEX variant_unit ON variant (unit_id);
        CREATE INDEX variant_exact ON variant (hash);
        CREATE TABLE note (
            id          bigserial PRIMARY KEY,
            unit_id     bigint NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
            variant_id  bigint,
            lang        text,
            text        text NOT NULL,
            xml_lang    text,
            o_encoding  text
        );
        CREATE INDEX note_unit ON note (unit_id);
        CREATE TABLE prop (
            id          bigserial PRIMARY KEY,
            unit_id     bigint NOT NULL REFERENCES unit (id) ON DELETE CASCADE,
            variant_id  bigint,
            lang        text,
            name        text NOT NULL,
            value       text NOT NULL,
            xml_lang    text,
            o_encoding  text
        );
        CREATE INDEX prop_unit ON prop (unit_id);
        CREATE TABLE document (
            id          bigserial PRIMARY KEY,
            origin      text NOT NULL,
            format      text NOT NULL,
            imported_at text NOT NULL
        );
        CREATE TABLE document_entry (
            id          bigserial PRIMARY KEY,
            document_id bigint NOT NULL REFERENCES document (id) ON DELETE CASCADE,
            kind        text NOT NULL CHECK (kind IN ('attribute', 'note', 'prop')),
            name        text,
            value       text NOT NULL,
            xml_lang    text,
            o_encoding  text
        );
        CREATE INDEX document_entry_document ON document_entry (document_id);
        CREATE TABLE store_state (
            next_unit_id    bigint NOT NULL,
            next_variant_id bigint NOT NULL
        );
        INSERT INTO store_state VALUES (1, 1);
        """,
        // The search indexes, as the SQLite file keeps them (see `SearchIndex`): each variant's
        // words as vocabulary ids (`tokens`), the vocabulary (`search_token`) and the posting
        // lists of the fuzzy search, in the same encodings; and for concordance, each variant's
        // words as the full-text tokenizer cuts and folds them (`words`, under a GIN index)
        // with the words met so far (`concordance_word`, in byte order for prefixes; the words
        // are compared byte for byte, which builds the GIN index faster than a locale's
        // collation would, and words are only ever compared for equality). Variants
        // stored before are indexed when the TM is next opened for search (`pending_from`).
        // Posting lists are stored uncompressed (a lookup reads a few long ones whole; they
        // are varints already). A count of writes (`changes`) tells servers when to count
        // statistics again, and a
        // unit's id may change under its rows (a replaced unit takes back its id).
        """
        ALTER TABLE variant ADD COLUMN tokens bytea;
        ALTER TABLE variant ADD COLUMN words text[] COLLATE "C";
        CREATE INDEX variant_words ON variant USING gin (words);
        CREATE TABLE search_token (
            id          integer PRIMARY KEY,
            lang        text NOT NULL,
            token       text NOT NULL,
            frequency   bigint NOT NULL
        );
        CREATE UNIQUE INDEX search_token_word ON search_token (lang, token);
        CREATE TABLE fuzzy_posting (
            token       integer NOT NULL,
            first       bigint NOT NULL,
            postings    bytea NOT NULL
        );
        CREATE INDEX fuzzy_posting_token ON fuzzy_posting (token);
        ALTER TABLE fuzzy_posting ALTER COLUMN postings SET STORAGE EXTERNAL;
        CREATE TABLE concordance_word (word text COLLATE "C" PRIMARY KEY);
        ALTER TABLE store_state ADD COLUMN pending_from bigint;
        UPDATE store_state SET pending_from = (SELECT min(id) FROM variant);
        ALTER TABLE store_state ADD COLUMN changes bigint NOT NULL DEFAULT 0;
        ALTER TABLE variant DROP CONSTRAINT variant_unit_id_fkey;
        ALTER TABLE variant ADD CONSTRAINT variant_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES unit (id) ON DELETE CASCADE ON UPDATE CASCADE;
        ALTER TABLE note DROP CONSTRAINT note_unit_id_fkey;
        ALTER TABLE note ADD CONSTRAINT note_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES unit (id) ON DELETE CASCADE ON UPDATE CASCADE;
        ALTER TABLE prop DROP CONSTRAINT prop_unit_id_fkey;
        ALTER TABLE prop ADD CONSTRAINT prop_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES unit (id) ON DELETE CASCADE ON UPDATE CASCADE;
        """,
        // A variant's full-text words as numbers (`WordHash`) under the GIN index, which
        // builds twice as fast over numbers as over text (it was a third of a million units'
        // import); the words met keep their numbers, for prefixes. The search indexes are
        // built again when the TM is next opened for search.
        """
        ALTER TABLE variant DROP COLUMN words;
        ALTER TABLE variant ADD COLUMN words integer[];
        CREATE INDEX variant_words ON variant USING gin (words);
        TRUNCATE concordance_word, fuzzy_posting, search_token;
        ALTER TABLE concordance_word ADD COLUMN hash integer NOT NULL;
        UPDATE variant SET tokens = NULL;
        UPDATE store_state SET pending_from = (SELECT min(id) FROM variant);
        """,
        // Software placeholders (%s, %1$d, {name}: `Placeholders`) are inline codes to fuzzy
        // matching, not words: a TM holding % or { has its fuzzy index built again when it is
        // next opened for search (one statement: `executeScript` parts statements at ";\n").
        """
        DO $$ BEGIN IF EXISTS (SELECT 1 FROM variant WHERE tokens IS NOT NULL AND (strpos(text, '%') > 0 OR strpos(text, '{') > 0)) THEN \
        TRUNCATE fuzzy_posting, search_token; UPDATE variant SET tokens = NULL; \
        UPDATE store_state SET pending_from = (SELECT min(id) FROM variant); END IF; END $$
        """,
    ]

    /// What a load into an empty TM drops and builds again once its rows are in, as the SQLite
    /// store does: an index built over sorted keys, and a foreign key checked in one join,
    /// cost a fraction of growing them row by row. The unique index on content keys is last,
    /// so that a load whose key set in memory fills up can build it alone mid-way.
    static let bulkLoadConstraints: [(name: String, table: String, create: String)] = [
        ("variant_unit_id_fkey", "variant", "ALTER TABLE variant ADD CONSTRAINT variant_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES unit (id) ON DELETE CASCADE ON UPDATE CASCADE"),
        ("note_unit_id_fkey", "note", "ALTER TABLE note ADD CONSTRAINT note_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES unit (id) ON DELETE CASCADE ON UPDATE CASCADE"),
        ("prop_unit_id_fkey", "prop", "ALTER TABLE prop ADD CONSTRAINT prop_unit_id_fkey FOREIGN KEY (unit_id) REFERENCES unit (id) ON DELETE CASCADE ON UPDATE CASCADE"),
    ]
    static let bulkLoadIndexes: [(name: String, create: String)] = [
        ("variant_unit", "CREATE INDEX variant_unit ON variant (unit_id)"),
        ("variant_exact", "CREATE INDEX variant_exact ON variant (hash)"),
        ("note_unit", "CREATE INDEX note_unit ON note (unit_id)"),
        ("prop_unit", "CREATE INDEX prop_unit ON prop (unit_id)"),
        ("variant_words", "CREATE INDEX variant_words ON variant USING gin (words)"),
        ("fuzzy_posting_token", "CREATE INDEX fuzzy_posting_token ON fuzzy_posting (token)"),
        (contentIndex.name, contentIndex.create),
    ]
    /// The unique index that turns duplicates away.
    static let contentIndex = (name: "unit_content", create: "CREATE UNIQUE INDEX unit_content ON unit (content_key)")

    /// Drops the indexes and foreign keys of `bulkLoadConstraints` and `bulkLoadIndexes`.
    static func dropForBulkLoad(_ session: PostgresSession) throws {
        for constraint in bulkLoadConstraints { try session.execute("ALTER TABLE \(constraint.table) DROP CONSTRAINT \(constraint.name)") }
        for index in bulkLoadIndexes { try session.execute("DROP INDEX \(index.name)") }
    }

    /// The memory index builds after a bulk load may take, for this transaction only.
    static let bulkLoadMemory = "256MB"

    /// Builds again what `dropForBulkLoad` dropped, leaving alone an index already built.
    static func restoreAfterBulkLoad(_ session: PostgresSession) throws {
        // The GIN index of a TM's words is built in memory, flushed whenever this fills: the
        // default 64 MB made building it for 200,000 units take 5.5 s.
        try session.execute("SET LOCAL maintenance_work_mem = '\(bulkLoadMemory)'")
        for index in bulkLoadIndexes {
            try session.execute(index.create.replacingOccurrences(of: "INDEX ", with: "INDEX IF NOT EXISTS "))
        }
        for constraint in bulkLoadConstraints { try session.execute(constraint.create) }
    }

    /// The version this build creates and reads.
    static var currentVersion: Int { migrations.count }

    /// Brings the database to `currentVersion`: creates the schema in an empty database,
    /// migrates an older one, refuses a newer one and a database that holds other tables. A
    /// database already current is only read (a streaming standby takes no writes).
    static func migrate(_ session: PostgresSession) throws {
        guard try storedVersion(session) != currentVersion else { return }
        try session.transaction {
            try session.execute("SELECT pg_advisory_xact_lock(\(migrationLock))")
            let found = try storedVersion(session)
            if found < 0 {
                throw MemoryError(path: session.location.description, reason: .postgres(
                    "the database holds a table named unit but is not a Glossa translation memory; give an empty database"))
            }
            if found > currentVersion {
                throw MemoryError(path: session.location.description,
                                  reason: .newerSchema(found: Int64(found), supported: Int64(currentVersion)))
            }
            guard found < currentVersion else { return }
            if found == 0 { try session.executeScript("CREATE TABLE glossa_schema (version integer NOT NULL);\nINSERT INTO glossa_schema VALUES (0)") }
            for migration in migrations[found...] { try session.executeScript(migration) }
            try session.execute("UPDATE glossa_schema SET version = \(currentVersion)")
        }
    }

    /// The schema version the database holds: 0 for an empty database, -1 for one that holds
    /// a `unit` table but no version (not Glossa's).
    private static func storedVersion(_ session: PostgresSession) throws -> Int {
        try session.run { connection, logger in
            let rows = try await connection.query("""
                SELECT (SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'glossa_schema'),
                       (SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'unit')
                """, logger: logger)
            var counts = (0, 0)
            for try await (marker, units) in rows.decode((Int, Int).self) { counts = (marker, units) }
            guard counts.0 == 1 else { return counts.1 == 0 ? 0 : -1 }
            var version = 0
            for try await (stored,) in try await connection.query("SELECT version FROM glossa_schema", logger: logger).decode((Int,).self) {
                version = stored
            }
            return version
        }
    }
}
