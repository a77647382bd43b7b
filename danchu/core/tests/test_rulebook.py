from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from danchu.core import registry, rulebook
from danchu.core.models import Rule
from danchu.core.rulebook_seed import NATIONAL_RULES

pytestmark = pytest.mark.django_db


def test_every_seeded_rule_has_a_citation_and_verified_flag():
    rows = Rule.objects.filter(scope_unit__isnull=True)
    assert rows.count() == len(NATIONAL_RULES) + len(registry.rules())
    shipped = {r.key for r in NATIONAL_RULES} | {r.key for r in registry.rules()}
    assert set(rows.values_list("key", flat=True)) == shipped
    assert all(r.citation for r in rows)
    assert rows.filter(verified=False).exists() and rows.filter(verified=True).exists()
    assert not Rule.objects.get(key="disclosure.posting_min_days").verified


def test_national_values():
    assert rulebook.number("complaint.accept_within_days") == 10
    assert rulebook.number("reception.feedback_working_days") == 10
    assert rulebook.share("decision.pass_share_contributions") == Fraction(2, 3)
    assert rulebook.share("convention.pass_share") == Fraction(1, 2)


def test_unknown_or_not_yet_in_force():
    with pytest.raises(rulebook.UnknownRuleError, match="không-có"):
        rulebook.rule("không-có")
    with pytest.raises(rulebook.UnknownRuleError):
        rulebook.rule("disclosure.posting_min_days", on=dt.date(2020, 1, 1))


def test_province_override_applies_to_its_subtree_only(tree):
    Rule.objects.create(
        key="disclosure.posting_min_days",
        title="t",
        value=Decimal(45),
        unit="days",
        citation="QĐ của tỉnh",
        effective_from=dt.date(2024, 1, 1),
        scope_unit=tree.province,
        verified=True,
    )
    assert rulebook.number("disclosure.posting_min_days", unit=tree.village) == 45
    assert rulebook.number("disclosure.posting_min_days", unit=tree.commune) == 45
    assert rulebook.number("disclosure.posting_min_days", unit=tree.other_province) == 30
    assert rulebook.number("disclosure.posting_min_days") == 30
    # Before the province's decision took effect the national value applied.
    assert rulebook.number("disclosure.posting_min_days", unit=tree.village, on=dt.date(2023, 12, 31)) == 30


def test_nearest_override_wins(tree):
    for unit, value in ((tree.province, 40), (tree.commune, 35)):
        Rule.objects.create(
            key="disclosure.posting_min_days",
            title="t",
            value=Decimal(value),
            unit="days",
            citation="x",
            effective_from=dt.date(2024, 1, 1),
            scope_unit=unit,
        )
    assert rulebook.number("disclosure.posting_min_days", unit=tree.village) == 35
    assert rulebook.number("disclosure.posting_min_days", unit=tree.sibling) == 40


@pytest.mark.parametrize(
    ("citation", "public"),
    [
        (
            "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 21 (theo đáp án cuộc thi, chưa đọc)",
            "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 21",
        ),
        (  # a note holding brackets of its own goes whole; a law's name in brackets earlier stays
            "Nghị định 61/2023/NĐ-CP (hương ước, quy ước), Điều 10 (suy từ Điều 8 (khoản 2); chưa đọc)",
            "Nghị định 61/2023/NĐ-CP (hương ước, quy ước), Điều 10",
        ),
        ("Luật Tiếp công dân 2013, Điều 28", "Luật Tiếp công dân 2013, Điều 28"),
        ("(chưa rõ căn cứ)", "(chưa rõ căn cứ)"),  # nothing but a note: kept rather than emptied
    ],
)
def test_the_public_reads_a_citation_without_the_rulebooks_working_note(citation: str, public: str) -> None:
    from danchu.core.rulebook import public_citation

    assert public_citation(citation) == public
