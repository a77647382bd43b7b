# A keyed check binding a secret online ballot's receipt to its household (no link to the choices).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('decisions', '0006_paper_batch_file'),
    ]

    operations = [
        migrations.AddField(
            model_name='participation',
            name='receipt_check',
            field=models.CharField(blank=True, max_length=64),
        ),
    ]
