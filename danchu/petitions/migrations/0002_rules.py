from typing import Any

from django.db import migrations

from danchu.core.seeding import sync_rules
from danchu.petitions.rules import RULES


def seed(apps: Any, schema_editor: Any) -> None:
    sync_rules(apps.get_model("core", "Rule"), RULES)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial"), ("core", "0004_reporting_rules")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
