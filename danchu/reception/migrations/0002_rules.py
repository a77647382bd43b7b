from typing import Any

from django.db import migrations


def seed_rules(apps: Any, schema_editor: Any) -> None:
    from danchu.core.seeding import sync_rules
    from danchu.reception.rules import RULES

    sync_rules(apps.get_model("core", "Rule"), RULES)


class Migration(migrations.Migration):
    dependencies = [("reception", "0001_initial"), ("core", "0005_search_entry")]

    operations = [migrations.RunPython(seed_rules, migrations.RunPython.noop)]
