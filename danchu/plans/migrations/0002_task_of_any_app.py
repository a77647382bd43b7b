# A task of any app: plan tasks keep their plan, item and assignment; others name their source.

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def issuer_of_plan_tasks(apps, schema_editor):
    Task = apps.get_model("plans", "Task")
    Plan = apps.get_model("plans", "Plan")
    Task.objects.update(unit_id=Subquery(Plan.objects.filter(pk=OuterRef("plan_id")).values("unit_id")[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_initial"),
        ("units", "0002_path_prefix_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="source",
            field=models.CharField(blank=True, max_length=60),
        ),
        migrations.AddField(
            model_name="task",
            name="source_id",
            field=models.PositiveBigIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="task",
            name="title",
            field=models.CharField(blank=True, max_length=500, verbose_name="nội dung"),
        ),
        migrations.AddField(
            model_name="task",
            name="unit",
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="tasks", to="units.unit"
            ),
        ),
        migrations.RunPython(issuer_of_plan_tasks, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="task",
            name="unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="tasks", to="units.unit"
            ),
        ),
        migrations.AlterField(
            model_name="task",
            name="assignment",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="task",
                to="plans.itemassignment",
            ),
        ),
        migrations.AlterField(
            model_name="task",
            name="item",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="tasks",
                to="plans.planitem",
            ),
        ),
        migrations.AlterField(
            model_name="task",
            name="plan",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="tasks",
                to="plans.plan",
            ),
        ),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(fields=["source", "source_id"], name="task_source_idx"),
        ),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(fields=["unit", "status", "due_on"], name="task_unit_idx"),
        ),
        migrations.AddConstraint(
            model_name="task",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("assignment__isnull", False),
                        ("item__isnull", False),
                        ("plan__isnull", False),
                        ("source", ""),
                    ),
                    models.Q(
                        ("assignment__isnull", True),
                        ("item__isnull", True),
                        ("plan__isnull", True),
                        ("source_id__isnull", False),
                        models.Q(("source", ""), _negated=True),
                        models.Q(("title", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="task_of_plan_or_source",
            ),
        ),
    ]
