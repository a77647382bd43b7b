from django.db import migrations


def seed(apps, schema_editor):
    from danchu.conventions.rules import RULES
    from danchu.core.seeding import sync_rules

    sync_rules(apps.get_model("core", "Rule"), RULES)


class Migration(migrations.Migration):
    dependencies = [("conventions", "0001_initial"), ("core", "0005_search_entry")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
