/// The OpenAPI 3.1 description of every route, served at `/openapi.json`. Tests keep it true:
/// every route the router has is here, every route here answers, and schemathesis (in CI)
/// sends it generated requests of every documented shape, none of which may get a 500.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "Glossa translation memory server",
        "version": "1.0.0",
        "description": "A team's shared translation memory: lookups (exact, fuzzy, concordance), glossary terms, units added and corrected, files imported as jobs, exports, and the tmserver API Weblate and amaGama clients call. Every error answers {\"error\": \"…\"}. Writes need the write token; with a read token configured, reads need it or the write token.",
        "license": {"name": "Glossa"}
      },
      "components": {
        "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}},
        "responses": {
          "BadRequest": {"description": "A missing or malformed parameter or body.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Unauthorized": {"description": "The token is missing or wrong.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Forbidden": {"description": "This server takes no writes (no write token configured), or the Host is not this machine.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "NotFound": {"description": "No such unit, job or glossary.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "TooLarge": {"description": "The body is larger than the server takes.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Unavailable": {"description": "The TM cannot answer now (indexes pending, another writer), or the request ran past its time budget.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "parameters": {
          "from": {"name": "from", "in": "query", "description": "Language to look up from (BCP-47); en by default.", "schema": {"type": "string"}},
          "to": {"name": "to", "in": "query", "description": "Language of the translations; the TM's other main language by default.", "schema": {"type": "string"}},
          "unitID": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}},
          "source": {"name": "source", "in": "path", "required": true, "description": "Source language, as Weblate writes it (pt_br).", "schema": {"type": "string"}},
          "target": {"name": "target", "in": "path", "required": true, "description": "Target language, as Weblate writes it.", "schema": {"type": "string"}},
          "text": {"name": "text", "in": "path", "required": true, "description": "The text, percent-encoded (/ as %2F).", "schema": {"type": "string"}},
          "minSimilarity": {"name": "min_similarity", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 100, "default": 70}},
          "maxCandidates": {"name": "max_candidates", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 5}}
        },
        "schemas": {
          "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
          "Span": {"type": "object", "required": ["start", "end", "text"], "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"}}},
          "Match": {
            "type": "object",
            "required": ["score", "base", "penalties", "deductions", "context_match", "adapted", "unit", "source", "source_lang", "target", "target_lang", "diff", "alternative"],
            "properties": {
              "score": {"type": "integer", "minimum": 0, "maximum": 101, "description": "The word score less its penalties; 101 for a context match; less the match policy's deductions."}, "base": {"type": "integer"},
              "penalties": {"type": "array", "items": {"type": "string"}}, "unit": {"type": "integer"},
              "deductions": {"type": "array", "items": {"type": "object", "required": ["reason", "points"], "properties": {"reason": {"type": "string"}, "points": {"type": "integer"}}}},
              "context_match": {"type": "boolean"},
              "adapted": {"type": "boolean", "description": "target has the query's numbers: numbers were all that differed"}, "stored_target": {"type": ["string", "null"]},
              "id": {"type": ["string", "null"]}, "source": {"type": "string"}, "source_lang": {"type": "string"},
              "target": {"type": "string"}, "target_lang": {"type": "string"},
              "diff": {"type": "array", "items": {"$ref": "#/components/schemas/Span"}}, "alternative": {"type": "boolean"},
              "origin": {"type": ["string", "null"]}, "created": {"type": ["string", "null"]}, "created_by": {"type": ["string", "null"]},
              "changed": {"type": ["string", "null"]}, "changed_by": {"type": ["string", "null"]}
            }
          },
          "Matches": {"type": "array", "items": {"$ref": "#/components/schemas/Match"}},
          "BatchLookup": {
            "type": "object", "required": ["segments"],
            "properties": {
              "segments": {"type": "array", "maxItems": 1000, "items": {"oneOf": [{"type": "string"}, {"$ref": "#/components/schemas/Segment"}]}},
              "from": {"type": "string"}, "to": {"type": "string"},
              "min": {"type": "integer", "minimum": 1, "maximum": 101}, "max": {"type": "integer", "minimum": 1, "maximum": 100},
              "penalties": {"type": "array", "items": {"type": "string"}, "description": "CONDITION:POINTS, e.g. origin=legacy.tmx:5"},
              "where": {"type": "array", "items": {"type": "string"}, "description": "Conditions every match's unit meets, e.g. lang=kk"},
              "multiple_translations_penalty": {"type": "integer", "minimum": 0, "maximum": 100}
            }
          },
          "Fragment": {
            "type": "object", "required": ["text", "start", "end", "words", "units"],
            "properties": {
              "text": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"}, "words": {"type": "integer"},
              "units": {"type": "array", "items": {"type": "object", "required": ["unit", "source", "highlight"], "properties": {"unit": {"type": "integer"}, "source": {"type": "string"}, "highlight": {"$ref": "#/components/schemas/Span"}, "target": {"type": ["string", "null"]}, "target_highlights": {"type": "array", "items": {"$ref": "#/components/schemas/Span"}}}}},
              "translation": {"type": ["string", "null"], "description": "What the phrase became, where the holders' translations or the glossary tell"}
            }
          },
          "ChangeSummary": {
            "type": "object", "description": "What a maintenance write did (zeros for a dry run).",
            "properties": {"deleted": {"type": "integer"}, "replaced": {"type": "integer"}, "unchangedAsDuplicates": {"type": "array", "items": {"type": "integer"}},
                           "added": {"type": "object"}}
          },
          "Segment": {
            "type": "object", "required": ["text"], "description": "A segment and where it stands: an exact match stored with the same key and neighbours scores 101.",
            "properties": {"text": {"type": "string"}, "context": {"type": "string"}, "prev": {"type": "string"}, "next": {"type": "string"}}
          },
          "ConcordanceHit": {
            "type": "object", "required": ["unit", "text", "lang", "highlights"],
            "properties": {
              "unit": {"type": "integer"}, "text": {"type": "string"}, "lang": {"type": "string"},
              "highlights": {"type": "array", "items": {"$ref": "#/components/schemas/Span"}},
              "translation": {"type": ["string", "null"]}, "translation_lang": {"type": ["string", "null"]},
              "translation_highlights": {"type": "array", "items": {"$ref": "#/components/schemas/Span"}, "description": "Where the phrase went in the translation, when the TM tells"}
            }
          },
          "FoundTerm": {"type": "object", "required": ["term", "found", "start", "end", "concept"], "properties": {"term": {"type": "string"}, "found": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"}, "concept": {"type": "string"}}},
          "Stats": {"type": "object", "required": ["units", "languages"], "properties": {"units": {"type": "integer"}, "languages": {"type": "object", "additionalProperties": {"type": "integer"}}}},
          "Unit": {
            "type": "object", "required": ["variants"],
            "properties": {
              "id": {"type": "integer", "readOnly": true},
              "variants": {"type": "object", "minProperties": 1, "additionalProperties": {"type": "string"}, "description": "Each language's text, by language tag."},
              "alternatives": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}, "description": "Further translations a language has."},
              "origin": {"type": "string"}, "context": {"type": "string"}, "tuid": {"type": "string"},
              "properties": {"type": "object", "additionalProperties": {"type": "string"}},
              "created": {"type": "string", "readOnly": true}, "created_by": {"type": "string", "readOnly": true},
              "changed": {"type": "string", "readOnly": true}, "changed_by": {"type": "string", "readOnly": true},
              "author": {"type": "string", "writeOnly": true, "description": "Who made this change."}
            }
          },
          "UnitBatch": {"type": "object", "required": ["units"], "properties": {"units": {"type": "array", "maxItems": 10000, "items": {"$ref": "#/components/schemas/Unit"}}}},
          "UnitsAdded": {"type": "object", "required": ["added", "duplicates", "units"], "properties": {"added": {"type": "integer"}, "duplicates": {"type": "integer"}, "units": {"type": "array", "items": {"type": "integer"}}}},
          "Job": {
            "type": "object", "required": ["id", "state", "file", "read", "submitted"],
            "properties": {
              "id": {"type": "string"}, "state": {"type": "string", "enum": ["queued", "running", "succeeded", "failed"]},
              "file": {"type": "string"}, "read": {"type": "integer"}, "submitted": {"type": "string"},
              "started": {"type": ["string", "null"]}, "finished": {"type": ["string", "null"]},
              "report": {"type": ["object", "null"]}, "error": {"type": ["string", "null"]}
            }
          },
          "Languages": {"type": "object", "required": ["sourceLanguages", "targetLanguages"], "properties": {"sourceLanguages": {"type": "array", "items": {"type": "string"}}, "targetLanguages": {"type": "array", "items": {"type": "string"}}}},
          "Candidates": {"type": "array", "items": {"type": "object", "required": ["source", "target", "quality", "rank"], "properties": {"source": {"type": "string"}, "target": {"type": "string"}, "quality": {"type": "integer"}, "rank": {"type": "number"}}}},
          "Health": {"type": "object", "required": ["status", "units", "store", "role"], "properties": {"status": {"type": "string"}, "units": {"type": "integer"}, "store": {"type": "string", "enum": ["sqlite", "postgresql"]}, "role": {"type": ["string", "null"], "enum": ["primary", "standby", null], "description": "For a database: primary, or standby while it replays a primary's changes (lookups only)."}}}
        }
      },
      "security": [{}, {"token": []}],
      "paths": {
        "/": {"get": {"summary": "The search page", "security": [], "responses": {"200": {"description": "HTML", "content": {"text/html": {"schema": {"type": "string"}}}}}}},
        "/api/lookup": {
          "get": {
            "summary": "Exact and fuzzy matches of a segment",
            "parameters": [
              {"name": "q", "in": "query", "required": true, "schema": {"type": "string"}}, {"$ref": "#/components/parameters/from"}, {"$ref": "#/components/parameters/to"},
              {"name": "min", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 101, "default": 75}},
              {"name": "max", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 5}},
              {"name": "context", "in": "query", "description": "The key of the string (msgctxt, resname).", "schema": {"type": "string"}},
              {"name": "prev", "in": "query", "description": "The source segment before this one; empty at a document's start.", "schema": {"type": "string"}},
              {"name": "next", "in": "query", "description": "The source segment after this one; empty at a document's end.", "schema": {"type": "string"}},
              {"name": "penalty", "in": "query", "description": "CONDITION:POINTS, as often as wanted.", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
              {"name": "where", "in": "query", "description": "A condition every match's unit meets, as often as wanted.", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
              {"name": "multiple_translations_penalty", "in": "query", "schema": {"type": "integer", "minimum": 0, "maximum": 100}}
            ],
            "responses": {"200": {"description": "Matches, best first", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Matches"}}}},
                          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          },
          "post": {
            "summary": "Matches of up to 1,000 segments",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BatchLookup"}}}},
            "responses": {"200": {"description": "One array of matches per segment, in order", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Matches"}}}}},
                          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "413": {"$ref": "#/components/responses/TooLarge"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          }
        },
        "/api/concordance": {
          "get": {
            "summary": "Segments holding words or a phrase",
            "parameters": [
              {"name": "q", "in": "query", "required": true, "schema": {"type": "string"}}, {"$ref": "#/components/parameters/from"}, {"$ref": "#/components/parameters/to"},
              {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000000, "default": 1}},
              {"name": "max", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 20}}
            ],
            "responses": {"200": {"description": "Hits, newest first", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/ConcordanceHit"}}}}},
                          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          }
        },
        "/api/terms": {
          "get": {
            "summary": "Glossary terms in a text, with their translations",
            "parameters": [{"name": "q", "in": "query", "required": true, "schema": {"type": "string"}}, {"$ref": "#/components/parameters/from"}, {"$ref": "#/components/parameters/to"}],
            "responses": {"200": {"description": "Terms found", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/FoundTerm"}}}}},
                          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}}
          }
        },
        "/api/stats": {"get": {"summary": "Units, and variants per language", "responses": {"200": {"description": "Counts", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Stats"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}}}},
        "/api/fragments": {
          "get": {
            "summary": "Phrases of three words or more a segment shares with TM segments, longest first (for a segment no whole match covers)",
            "parameters": [{"name": "q", "in": "query", "required": true, "schema": {"type": "string"}}, {"$ref": "#/components/parameters/from"}, {"$ref": "#/components/parameters/to"}],
            "responses": {"200": {"description": "Fragments, in the order of the segment", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Fragment"}}}}},
                          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          }
        },
        "/api/units": {
          "get": {
            "summary": "A page of the units a selection takes, in id order (as glossa tm list)",
            "parameters": [
              {"name": "where", "in": "query", "description": "A condition on the units (origin=*.po, author=mt, created<2024, lang=kk, x-domain=news), as often as wanted.", "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": true},
              {"name": "text", "in": "query", "description": "Text the unit holds (case ignored).", "schema": {"type": "string"}},
              {"name": "lang", "in": "query", "description": "The language whose text `text` searches.", "schema": {"type": "string"}},
              {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000000, "default": 1}},
              {"name": "max", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 20}}
            ],
            "responses": {"200": {"description": "Units", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Unit"}}}}},
                          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          },
          "post": {
            "summary": "Add units, all or nothing",
            "security": [{"token": []}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/UnitBatch"}}}},
            "responses": {"200": {"description": "What was added; each unit's id, new or of the unit it repeats", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/UnitsAdded"}}}},
                          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "413": {"$ref": "#/components/responses/TooLarge"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          }
        },
        "/api/units/{id}": {
          "parameters": [{"$ref": "#/components/parameters/unitID"}],
          "get": {"summary": "A unit", "responses": {"200": {"description": "The unit", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Unit"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}}},
          "put": {
            "summary": "Correct a unit; it keeps its id and what the body leaves out",
            "security": [{"token": []}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Unit"}}}},
            "responses": {"200": {"description": "The unit as stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Unit"}}}},
                          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"},
                          "409": {"description": "Another unit holds the same texts and properties", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}, "503": {"$ref": "#/components/responses/Unavailable"}}
          },
          "delete": {
            "summary": "Delete a unit",
            "security": [{"token": []}],
            "responses": {"204": {"description": "Deleted"}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "404": {"$ref": "#/components/responses/NotFound"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          }
        },
        "/api/maintenance/delete": {
          "post": {
            "summary": "Delete units by condition, id or text, in one transaction (as glossa tm delete)",
            "security": [{"token": []}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {
              "where": {"type": "array", "items": {"type": "string"}}, "units": {"type": "array", "items": {"type": "integer"}},
              "text": {"type": "string"}, "lang": {"type": "string"}, "dry_run": {"type": "boolean"}}}}}},
            "responses": {"200": {"description": "The units deleted (or that would be), and what was done", "content": {"application/json": {"schema": {"type": "object", "required": ["units", "summary"], "properties": {"units": {"type": "array", "items": {"type": "integer"}}, "summary": {"$ref": "#/components/schemas/ChangeSummary"}}}}}},
                          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          }
        },
        "/api/maintenance/replace": {
          "post": {
            "summary": "Find and replace in one language's segments, around inline codes, in one transaction (as glossa tm replace)",
            "security": [{"token": []}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["find", "replace", "lang"], "properties": {
              "find": {"type": "string"}, "replace": {"type": "string"}, "lang": {"type": "string"}, "regex": {"type": "boolean"}, "match_case": {"type": "boolean"},
              "where": {"type": "array", "items": {"type": "string"}}, "units": {"type": "array", "items": {"type": "integer"}},
              "author": {"type": "string"}, "dry_run": {"type": "boolean"}}}}}},
            "responses": {"200": {"description": "Each segment changed (or that would be), and what was done", "content": {"application/json": {"schema": {"type": "object", "required": ["changes", "summary"], "properties": {"changes": {"type": "array", "items": {"type": "object", "properties": {"unit": {"type": "integer"}, "lang": {"type": "string"}, "before": {"type": "string"}, "after": {"type": "string"}}}}, "summary": {"$ref": "#/components/schemas/ChangeSummary"}}}}}},
                          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          }
        },
        "/api/maintenance/dedupe": {
          "post": {
            "summary": "Keep one unit per source, merging exact duplicates, in one transaction (as glossa tm dedupe)",
            "security": [{"token": []}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {
              "lang": {"type": "string"}, "keep": {"type": "string", "enum": ["newest", "oldest", "most-used"]},
              "where": {"type": "array", "items": {"type": "string"}}, "units": {"type": "array", "items": {"type": "integer"}}, "dry_run": {"type": "boolean"}}}}}},
            "responses": {"200": {"description": "Each source's outcome, and what was done", "content": {"application/json": {"schema": {"type": "object", "required": ["sources", "summary"], "properties": {"sources": {"type": "array", "items": {"type": "object", "properties": {"source": {"type": "string"}, "kept": {"type": "integer"}, "merged": {"type": "array", "items": {"type": "integer"}}, "deleted": {"type": "array", "items": {"type": "integer"}}}}}, "summary": {"$ref": "#/components/schemas/ChangeSummary"}}}}}},
                          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          }
        },
        "/api/import": {
          "post": {
            "summary": "Import a file as a job",
            "security": [{"token": []}],
            "parameters": [
              {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["tmx", "xliff", "po", "tsv", "csv"]}},
              {"name": "name", "in": "query", "description": "The file's name, for errors and (without origin) its units' origin.", "schema": {"type": "string"}},
              {"name": "origin", "in": "query", "schema": {"type": "string"}},
              {"name": "skip_invalid", "in": "query", "schema": {"type": "boolean"}},
              {"name": "include_unconfirmed", "in": "query", "schema": {"type": "boolean"}},
              {"name": "on_conflict", "in": "query", "description": "A unit whose source the TM holds: add (beside it), overwrite, keep (the stored) or newest.", "schema": {"type": "string", "enum": ["add", "overwrite", "keep", "newest"]}}
            ],
            "requestBody": {"required": true, "content": {
              "application/x-tmx+xml": {"schema": {"type": "string"}}, "application/xliff+xml": {"schema": {"type": "string"}},
              "text/x-gettext-translation": {"schema": {"type": "string"}}, "text/tab-separated-values": {"schema": {"type": "string"}},
              "text/csv": {"schema": {"type": "string"}}, "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
            "responses": {"202": {"description": "The job, queued; Location names it", "headers": {"Location": {"schema": {"type": "string"}}}, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}},
                          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}, "413": {"$ref": "#/components/responses/TooLarge"},
                          "415": {"description": "Not a format that holds units", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}}
          }
        },
        "/api/jobs/{id}": {
          "get": {
            "summary": "An import job's progress, report or error",
            "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "The job", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Job"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}, "404": {"$ref": "#/components/responses/NotFound"}}
          }
        },
        "/api/export": {
          "get": {
            "summary": "The TM's units as TMX 1.4b or TSV",
            "parameters": [
              {"name": "format", "in": "query", "schema": {"type": "string", "enum": ["tmx", "tsv"], "default": "tmx"}},
              {"name": "langs", "in": "query", "description": "Comma-separated language tags.", "schema": {"type": "string"}},
              {"name": "since", "in": "query", "description": "Units created or changed on or after this date (YYYY-MM-DD).", "schema": {"type": "string", "format": "date"}},
              {"name": "origin", "in": "query", "schema": {"type": "string"}}
            ],
            "responses": {"200": {"description": "The file", "content": {"application/x-tmx+xml": {"schema": {"type": "string"}}, "text/tab-separated-values": {"schema": {"type": "string"}}}},
                          "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          }
        },
        "/tmserver/languages/": {"get": {"summary": "Languages, as tmserver clients (Weblate) read them", "responses": {"200": {"description": "Languages", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Languages"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}}}},
        "/tmserver/{source}/{target}/unit/{text}": {
          "get": {
            "summary": "Fuzzy matches, as tmserver and amaGama answer",
            "parameters": [{"$ref": "#/components/parameters/source"}, {"$ref": "#/components/parameters/target"}, {"$ref": "#/components/parameters/text"}, {"$ref": "#/components/parameters/minSimilarity"}, {"$ref": "#/components/parameters/maxCandidates"}],
            "responses": {"200": {"description": "Candidates, best first", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Candidates"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          }
        },
        "/api/v1/languages/": {"get": {"summary": "As /tmserver/languages/ (amaGama's base)", "responses": {"200": {"description": "Languages", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Languages"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}}}},
        "/api/v1/{source}/{target}/unit/{text}": {
          "get": {
            "summary": "As /tmserver/{source}/{target}/unit/{text} (amaGama's base)",
            "parameters": [{"$ref": "#/components/parameters/source"}, {"$ref": "#/components/parameters/target"}, {"$ref": "#/components/parameters/text"}, {"$ref": "#/components/parameters/minSimilarity"}, {"$ref": "#/components/parameters/maxCandidates"}],
            "responses": {"200": {"description": "Candidates, best first", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Candidates"}}}}, "400": {"$ref": "#/components/responses/BadRequest"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "503": {"$ref": "#/components/responses/Unavailable"}}
          }
        },
        "/healthz": {"get": {"summary": "Whether the TM answers", "security": [], "responses": {"200": {"description": "Healthy", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Health"}}}}, "503": {"$ref": "#/components/responses/Unavailable"}}}},
        "/metrics": {"get": {"summary": "Prometheus metrics", "responses": {"200": {"description": "Prometheus text format", "content": {"text/plain": {"schema": {"type": "string"}}}}, "401": {"$ref": "#/components/responses/Unauthorized"}}}},
        "/openapi.json": {"get": {"summary": "This document", "security": [], "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}}}
      }
    }
    """#
}
