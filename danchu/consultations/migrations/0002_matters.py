from django.db import migrations


def seed(apps, schema_editor):
    from danchu.consultations.matters import sync_matters

    sync_matters(apps.get_model("consultations", "MatterKind"))


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
