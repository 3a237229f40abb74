"""PostgreSQL-only search machinery: Danish full-text vector kept by a trigger, and GIN
indexes for it and for trigram similarity on titles. On SQLite this migration does nothing;
the portable search in catalog/queries.py reads `search_document` instead."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION catalog_opportunity_search_vector() RETURNS trigger AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('danish', coalesce(NEW.title, '') || ' ' || coalesce(NEW.title_en, '')), 'A')
    || setweight(to_tsvector('danish', coalesce(NEW.search_document, '')), 'B');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER catalog_opportunity_search_vector_trg
  BEFORE INSERT OR UPDATE OF title, title_en, search_document ON catalog_opportunity
  FOR EACH ROW EXECUTE FUNCTION catalog_opportunity_search_vector();

CREATE INDEX opp_search_vector_gin ON catalog_opportunity USING gin (search_vector);
CREATE INDEX opp_title_trgm_gin ON catalog_opportunity USING gin (title gin_trgm_ops);
"""

BACKWARD = """
DROP INDEX IF EXISTS opp_title_trgm_gin;
DROP INDEX IF EXISTS opp_search_vector_gin;
DROP TRIGGER IF EXISTS catalog_opportunity_search_vector_trg ON catalog_opportunity;
DROP FUNCTION IF EXISTS catalog_opportunity_search_vector();
"""


def on_postgres(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(on_postgres(FORWARD), on_postgres(BACKWARD)),
    ]
