from django.db import migrations


def link(apps, schema_editor):
    """QCDC_DISCLOSED is now pre-filled from the disclosures app; add the missing-items indicator."""
    from danchu.reports.catalogue import sync_catalogue

    indicator = apps.get_model("reports", "Indicator")
    indicator.objects.filter(code="QCDC_DISCLOSED", source="").update(source="disclosures.disclosed")
    sync_catalogue(indicator, apps.get_model("reports", "ValidationRule"))


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_catalogue"), ("disclosures", "0002_catalogue")]
    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
