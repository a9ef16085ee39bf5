"""The full-text side of the search index, which Django models cannot express: per database engine.

SQLite: an external-content FTS5 table over the four analysed columns, kept in step by triggers.
PostgreSQL: a generated tsvector weighting the columns A (title terms) to D (body parts), with a GIN index.
Both tokenise on Unicode letters and digits without folding accents, as the analysis already did the rest.
"""

from django.db import migrations

COLUMNS = "title_terms, title_parts, body_terms, body_parts"

SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE search_searchentry_fts USING fts5({COLUMNS},
        content='search_searchentry', content_rowid='id', tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER search_searchentry_ai AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(rowid, {COLUMNS})
        VALUES (new.id, new.title_terms, new.title_parts, new.body_terms, new.body_parts); END""",
    f"""CREATE TRIGGER search_searchentry_ad AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, old.title_terms, old.title_parts, old.body_terms, old.body_parts); END""",
    f"""CREATE TRIGGER search_searchentry_au AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_searchentry_fts(search_searchentry_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, old.title_terms, old.title_parts, old.body_terms, old.body_parts);
        INSERT INTO search_searchentry_fts(rowid, {COLUMNS})
        VALUES (new.id, new.title_terms, new.title_parts, new.body_terms, new.body_parts); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER search_searchentry_au",
    "DROP TRIGGER search_searchentry_ad",
    "DROP TRIGGER search_searchentry_ai",
    "DROP TABLE search_searchentry_fts",
]

POSTGRES_CREATE = [
    """ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, title_terms), 'A')
        || setweight(to_tsvector('simple'::regconfig, title_parts), 'B')
        || setweight(to_tsvector('simple'::regconfig, body_terms), 'C')
        || setweight(to_tsvector('simple'::regconfig, body_parts), 'D')) STORED""",
    "CREATE INDEX search_searchentry_document ON search_searchentry USING GIN (document)",
]
POSTGRES_DROP = ["DROP INDEX search_searchentry_document", "ALTER TABLE search_searchentry DROP COLUMN document"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        )
    ]
