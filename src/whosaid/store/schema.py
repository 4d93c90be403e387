"""The store's SQLite schema, versioned with ``PRAGMA user_version`` and upgraded by ordered migrations.

Each migration is a list of statements that takes the database from version ``n - 1`` to ``n``; opening a
store runs the missing ones in one transaction, so a database made by an older whosaid still opens (and is
upgraded), and a newer one is refused with a clear message.
"""

from __future__ import annotations

import sqlite3

from ..errors import StoreError

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "migrate", "current_version"]

_V1 = [
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,      -- sha256 of text + date + title + outlet + url
        body_hash TEXT NOT NULL,         -- sha256 of the text alone: equal bodies are duplicates
        date TEXT, title TEXT, outlet TEXT, url TEXT,
        text TEXT NOT NULL,
        analysis TEXT NOT NULL,          -- Analysis.to_dict() as JSON, without the text
        n_attributions INTEGER NOT NULL DEFAULT 0,
        duplicate_of TEXT,               -- smallest id of another article with the same body
        ingested_at TEXT NOT NULL
    )""",
    "CREATE INDEX articles_body ON articles(body_hash)",
    "CREATE INDEX articles_date ON articles(date)",
    "CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE, date)",
    """CREATE TABLE people (
        person_id TEXT PRIMARY KEY,
        key TEXT NOT NULL,               -- normalized full name
        name TEXT NOT NULL
    )""",
    """CREATE TABLE person_aliases (
        person_id TEXT NOT NULL,
        alias TEXT NOT NULL,
        norm TEXT NOT NULL,              -- person_key(alias)
        n INTEGER NOT NULL DEFAULT 0,    -- in how many stored articles this person is written so
        PRIMARY KEY (person_id, alias)
    ) WITHOUT ROWID""",
    "CREATE INDEX person_aliases_norm ON person_aliases(norm)",
    """CREATE TABLE entities (
        article_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        confidence REAL,
        person_id TEXT,
        person_confidence REAL,
        PRIMARY KEY (article_id, entity_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX entities_person ON entities(person_id)",
    "CREATE INDEX entities_type_name ON entities(type, name)",
    """CREATE TABLE mentions (
        article_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, start, "end", entity_id)
    ) WITHOUT ROWID""",
    """CREATE TABLE attributions (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        kind TEXT NOT NULL,
        speaker TEXT,
        entity_id TEXT,                  -- the speaker's entity id inside the article
        person_id TEXT,                  -- the speaker as a corpus person
        source_type TEXT NOT NULL,
        source_description TEXT,
        via TEXT,
        said_at TEXT,
        source TEXT, source_start INTEGER, source_end INTEGER,
        cue TEXT, cue_start INTEGER, cue_end INTEGER,
        content TEXT, content_start INTEGER, content_end INTEGER,
        confidence REAL,
        UNIQUE (article_id, idx)
    )""",
    "CREATE INDEX attributions_person ON attributions(person_id)",
    "CREATE INDEX attributions_source_type ON attributions(source_type)",
    "CREATE INDEX attributions_speaker ON attributions(speaker COLLATE NOCASE)",
    """CREATE VIRTUAL TABLE attributions_fts USING fts5(
        content, content='attributions', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER attributions_ai AFTER INSERT ON attributions BEGIN
        INSERT INTO attributions_fts(rowid, content) VALUES (new.id, coalesce(new.content, ''));
    END""",
    """CREATE TRIGGER attributions_ad AFTER DELETE ON attributions BEGIN
        INSERT INTO attributions_fts(attributions_fts, rowid, content)
        VALUES ('delete', old.id, coalesce(old.content, ''));
    END""",
    """CREATE TRIGGER attributions_au AFTER UPDATE OF content ON attributions BEGIN
        INSERT INTO attributions_fts(attributions_fts, rowid, content)
        VALUES ('delete', old.id, coalesce(old.content, ''));
        INSERT INTO attributions_fts(rowid, content) VALUES (new.id, coalesce(new.content, ''));
    END""",
    """CREATE TABLE attribution_about (
        attribution_id INTEGER NOT NULL,
        person_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (attribution_id, person_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX attribution_about_person ON attribution_about(person_id)",
    "CREATE INDEX attribution_about_article ON attribution_about(article_id)",
    """CREATE TABLE times (
        article_id TEXT NOT NULL, idx INTEGER NOT NULL,
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
        type TEXT NOT NULL, value TEXT, anchor TEXT,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID""",
    """CREATE TABLE relations (
        article_id TEXT NOT NULL, idx INTEGER NOT NULL,
        subject TEXT NOT NULL, relation TEXT NOT NULL, object TEXT NOT NULL,
        subject_id TEXT, object_id TEXT, subject_person TEXT, object_person TEXT,
        evidence TEXT NOT NULL, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
        "when" TEXT, confidence REAL,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID""",
    "CREATE INDEX relations_subject_person ON relations(subject_person)",
    "CREATE INDEX relations_object_person ON relations(object_person)",
    """CREATE TABLE events (
        article_id TEXT NOT NULL, idx INTEGER NOT NULL,
        what TEXT NOT NULL, "when" TEXT,
        evidence TEXT NOT NULL, evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL,
        participants TEXT NOT NULL,      -- JSON list, as in the analysis
        time_start INTEGER, time_end INTEGER,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID""",
    """CREATE TABLE event_people (
        article_id TEXT NOT NULL, event_idx INTEGER NOT NULL, person_id TEXT NOT NULL,
        PRIMARY KEY (article_id, event_idx, person_id)
    ) WITHOUT ROWID""",
    "CREATE INDEX event_people_person ON event_people(person_id)",
    """CREATE TABLE errors (
        id INTEGER PRIMARY KEY,
        article_id TEXT,
        source TEXT NOT NULL,
        message TEXT NOT NULL,
        at TEXT NOT NULL,
        UNIQUE (source, message)
    )""",
    "CREATE INDEX errors_article ON errors(article_id)",
]

_V2 = [
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        engine TEXT NOT NULL,
        options TEXT NOT NULL,           -- JSON of the Options used
        added INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        replaced INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0
    )""",
]

_V3 = [
    # the kind of act (PARC category) of each statement, and the gender the text states for a person
    "ALTER TABLE attributions ADD COLUMN category TEXT",
    "CREATE INDEX attributions_category ON attributions(category)",
    "ALTER TABLE entities ADD COLUMN gender TEXT",
]

_V4 = [
    # statement clusters (quote provenance, docs/provenance.md): the same statement across articles
    """CREATE TABLE statement_clusters (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        size INTEGER NOT NULL DEFAULT 0,
        n_articles INTEGER NOT NULL DEFAULT 0,
        n_outlets INTEGER NOT NULL DEFAULT 0,
        n_variants INTEGER NOT NULL DEFAULT 0,   -- members worded differently from the earliest
        n_relayed INTEGER NOT NULL DEFAULT 0,    -- members relayed via another outlet
        speaker_conflict INTEGER NOT NULL DEFAULT 0,
        first_statement INTEGER,                 -- attributions.id of the earliest member
        first_date TEXT, last_date TEXT,
        outlets TEXT,                            -- JSON list, in order of appearance
        dirty INTEGER NOT NULL DEFAULT 0         -- lost a member: re-checked by the next update
    )""",
    "CREATE INDEX statement_clusters_spread ON statement_clusters(n_outlets, size)",
    """CREATE TABLE cluster_members (
        mid INTEGER PRIMARY KEY AUTOINCREMENT,   -- never reused, so stale band rows never join
        attribution_id INTEGER NOT NULL UNIQUE,
        article_id TEXT NOT NULL,
        cluster_id INTEGER,                      -- NULL: too short to cluster
        words TEXT NOT NULL,                     -- normalised words ("…" marks an ellipsis)
        speaker_key TEXT,
        is_variant INTEGER NOT NULL DEFAULT 0,
        speaker_conflict INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id)",
    """CREATE TABLE cluster_bands (
        band INTEGER NOT NULL,                   -- MinHash LSH band key of one window
        mid INTEGER NOT NULL,
        PRIMARY KEY (band, mid)
    ) WITHOUT ROWID""",
    """CREATE TRIGGER attributions_cluster_ad AFTER DELETE ON attributions BEGIN
        UPDATE statement_clusters SET dirty = 1
            WHERE id = (SELECT cluster_id FROM cluster_members WHERE attribution_id = old.id);
        DELETE FROM cluster_members WHERE attribution_id = old.id;
    END""",
]

_V5 = [
    # what states a person's gender: honorific | noun | pronoun | first_name (the opt-in name dictionary)
    "ALTER TABLE entities ADD COLUMN gender_source TEXT",
    "CREATE INDEX entities_person_gender ON entities(person_id, gender)",
]

MIGRATIONS: tuple[tuple[str, ...], ...] = (tuple(_V1), tuple(_V2), tuple(_V3), tuple(_V4), tuple(_V5))
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of the database (``PRAGMA user_version``; 0 for a new file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, *, target: int = SCHEMA_VERSION, where: str = "the store") -> int:
    """Bring the schema to ``target`` in one transaction; returns the version found before."""
    found = current_version(conn)
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"{where} has schema version {found}, newer than this whosaid ({SCHEMA_VERSION}); "
            "upgrade whosaid (pip install -U whosaid) or use another --db file"
        )
    if found >= target:
        return found
    try:
        conn.execute("BEGIN IMMEDIATE")
        for version in range(found + 1, target + 1):
            for statement in MIGRATIONS[version - 1]:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {int(target)}")
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK") if conn.in_transaction else None
        raise StoreError(
            f"cannot upgrade {where} from schema {found} to {target} ({exc}); "
            "is the file a whosaid store? Use another --db file"
        ) from None
    return found
