"""The > 1/2 threshold for the other Art. 15 matters was cited to NĐ 61/2023 Art. 10 and marked verified;
that article is verified for hương ước only. The shipped row takes the corrected citation, unless an
operator already edited it."""

from django.db import migrations

OLD = "Nghị định 61/2023/NĐ-CP (hương ước, quy ước), Điều 10 (áp dụng cho hương ước)"


def correct(apps, schema_editor):
    from danchu.core.rulebook_seed import NATIONAL_RULES

    Rule = apps.get_model("core", "Rule")
    shipped = next(r for r in NATIONAL_RULES if r.key == "decision.pass_share_other")
    Rule.objects.filter(key=shipped.key, scope_unit__isnull=True, citation=OLD).update(
        citation=shipped.citation, verified=shipped.verified, note=shipped.note
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0005_search_entry")]
    operations = [migrations.RunPython(correct, migrations.RunPython.noop)]
