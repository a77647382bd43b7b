from django.db import migrations


def seed(apps, schema_editor):
    from danchu.core.seeding import sync_rulebook

    sync_rulebook(apps.get_model("core", "Rule"), apps.get_model("core", "Holiday"))


class Migration(migrations.Migration):
    dependencies = [("core", "0003_reminder_settings")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
