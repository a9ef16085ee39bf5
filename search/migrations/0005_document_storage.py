"""PostgreSQL: keep the tsvector inline and uncompressed, and move the long text columns out of the row instead.

Otherwise a wide row gets its tsvector compressed, and every search decompresses it row by row (about three
times slower at 10,000 pages). Existing rows take the new storage when rewritten: run rebuild_search_index.
"""

from django.db import migrations

POSTGRES_STORAGE = """ALTER TABLE search_searchentry
    ALTER COLUMN document SET STORAGE MAIN,
    ALTER COLUMN text SET STORAGE EXTERNAL,
    ALTER COLUMN body_terms SET STORAGE EXTERNAL,
    ALTER COLUMN body_parts SET STORAGE EXTERNAL"""
POSTGRES_DEFAULT = """ALTER TABLE search_searchentry
    ALTER COLUMN document SET STORAGE EXTENDED,
    ALTER COLUMN text SET STORAGE EXTENDED,
    ALTER COLUMN body_terms SET STORAGE EXTENDED,
    ALTER COLUMN body_parts SET STORAGE EXTENDED"""


def run(statement):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0004_search_entry_document")]

    operations = [migrations.RunPython(run(POSTGRES_STORAGE), run(POSTGRES_DEFAULT))]
