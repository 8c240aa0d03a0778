import Foundation
import GlossaCore
import GlossaMemory

/// A copy of a TM from one store to another, as `glossa tm copy` runs it: an SQLite file to a
/// PostgreSQL database and back, every unit with every field, and the headers of the files
/// imported. The target takes the units as an import would, in one transaction: a new SQLite
/// file is built aside and moved into place, a database gets them all or none.
public struct CopyWorkflow {
    /// The TM copied from: a file path or a `postgresql://` URL.
    public var source: String
    /// The TM copied to: a file path or a `postgresql://` URL.
    public var target: String

    public init(from source: String, to target: String) {
        self.source = source
        self.target = target
    }

    /// Copies; `progress` hears the units read so far; `create` builds a new SQLite TM (the
    /// CLI's removes its temporary files if the process is interrupted). Returns what the
    /// target took: units added, and duplicates of units it held already.
    public func run(progress: @escaping (Int) -> Void = { _ in },
                    create: (String, Bool, (UnitWriter) throws -> Void) throws -> ImportSummary = { path, deferring, body in
                        try TranslationMemory.create(at: path, deferSearchIndex: deferring, body)
                    }) throws -> ImportSummary {
        let from = try TMStores.open(source, access: .readOnly)
        return try ImportWorkflow.load(into: target, create: create) { sink in
            var read = 0
            try from.documents().forEach(sink.add)
            try from.forEachUnit { _, unit in
                try sink.add(unit)
                read += 1
                if read % 1000 == 0 { progress(read) }
            }
            progress(read)
        }
    }
}
