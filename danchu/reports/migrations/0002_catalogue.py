from django.db import migrations


def seed(apps, schema_editor):
    from danchu.reports.catalogue import sync_catalogue

    sync_catalogue(apps.get_model("reports", "Indicator"), apps.get_model("reports", "ValidationRule"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
