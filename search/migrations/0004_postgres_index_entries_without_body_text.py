"""On PostgreSQL, modelsearch's index entries keep no copy of the body as plain text: a trigger empties
`body_text` as an entry is written. Only a fuzzy (pg_trgm) query reads that column, which the portal never makes,
and the snippets come from `SearchDocument`. A search reads the newest matching entries row by row, so rows of a
third the width make it faster (docs/search.md). Other databases are left as they are.

Existing entries are emptied here; `search_reindex` then vacuums the table. Reversing drops the trigger (the next
rebuild writes the text again)."""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
TRIGGER = "search_index_entry_without_body_text"

FORWARD = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.body_text := '';
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE};
CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OF body_text ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TRIGGER}();
UPDATE {TABLE} SET body_text = '' WHERE body_text <> '';
"""

BACKWARD = f"""
DROP TRIGGER IF EXISTS {TRIGGER} ON {TABLE};
DROP FUNCTION IF EXISTS {TRIGGER}();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_editors_manage_promoted_results"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
