from django.db import migrations


def create(apps, schema_editor):
    # PostgreSQL uses a plain btree for LIKE 'prefix%' only with the pattern operator class.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS unit_path_prefix_idx ON units_unit (path varchar_pattern_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS unit_path_prefix_idx")


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
