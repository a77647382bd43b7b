from django.db import migrations


def seed(apps, schema_editor):
    from danchu.disclosures.catalogue import sync_items

    sync_items(apps.get_model("disclosures", "DisclosureItem"))


class Migration(migrations.Migration):
    dependencies = [("disclosures", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
