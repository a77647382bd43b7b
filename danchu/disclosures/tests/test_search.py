"""The search interface, on whichever database the suite runs (SQLite FTS5 or PostgreSQL full text)."""

from __future__ import annotations

import datetime as dt

import pytest

from danchu.core import search
from danchu.disclosures import services

from .conftest import at, draft

TODAY = dt.date(2026, 3, 20)


@pytest.fixture
def corpus(tree, personas):
    official, other = personas["commune_official"], personas["sibling_official"]
    made = {}
    with at(2026, 3, 2):
        for key, actor, unit, title, body, codes, start in [
            ("land", official, tree.commune, "Phương án bồi thường khi thu hồi đất đai tổ 1",
             "Diện tích 2.000 m²", ["11.3b"], dt.date(2026, 3, 2)),
            ("budget", official, tree.commune, "Dự toán ngân sách năm 2026",
             "Chi cho đường giao thông và đất đai công ích", ["11.2a"], dt.date(2026, 3, 5)),
            ("sibling", other, tree.sibling, "Đề án sáp nhập thôn Đông và thôn Tây",
             "Đất đai và dân cư của hai thôn", ["11.8"], dt.date(2026, 3, 3)),
            ("later", official, tree.commune, "Đường Điện Biên: điều chỉnh quy hoạch",
             "Đấu nối đường điện", ["11.3d"], dt.date(2026, 4, 1)),
        ]:  # fmt: skip
            disclosure = draft(actor, unit, title=title, body=body, item_codes=codes, starts_on=start)
            made[key] = services.publish(actor=actor, disclosure=disclosure)
    return made


def titles(results):
    return [hit.title for hit in results.hits]


def test_diacritics_are_ignored_both_ways_and_title_ranks_first(corpus):
    plain = search.search("dat dai", today=TODAY)
    marked = search.search("ĐẤT ĐAI", today=TODAY)
    assert titles(plain) == titles(marked)
    assert titles(plain)[0] == "Phương án bồi thường khi thu hồi đất đai tổ 1"  # in the title
    assert set(titles(plain)) == {
        "Phương án bồi thường khi thu hồi đất đai tổ 1",
        "Dự toán ngân sách năm 2026",
        "Đề án sáp nhập thôn Đông và thôn Tây",
    }


def test_d_with_stroke_folds_to_d_and_last_word_is_a_prefix(corpus):
    assert titles(search.search("de an sap", today=TODAY)) == ["Đề án sáp nhập thôn Đông và thôn Tây"]
    assert titles(search.search("Dong", today=TODAY)) == ["Đề án sáp nhập thôn Đông và thôn Tây"]


def test_filters_by_unit_category_and_date(corpus, tree):
    within = search.search("dat dai", today=TODAY, within_path=tree.commune.path)
    assert "Đề án sáp nhập thôn Đông và thôn Tây" not in titles(within) and len(within.hits) == 2
    assert titles(search.search("dat", today=TODAY, category="11.2a")) == ["Dự toán ngân sách năm 2026"]
    dated = search.search("dat", today=TODAY, date_from=dt.date(2026, 3, 3), date_to=dt.date(2026, 3, 4))
    assert titles(dated) == ["Đề án sáp nhập thôn Đông và thôn Tây"]


def test_scheduled_content_appears_by_itself_on_its_first_day(corpus):
    assert titles(search.search("dien bien", today=TODAY)) == []
    assert titles(search.search("dien bien", today=dt.date(2026, 4, 1))) == [
        "Đường Điện Biên: điều chỉnh quy hoạch"
    ]


def test_withdrawn_content_leaves_the_index(corpus, personas):
    services.withdraw(actor=personas["commune_official"], disclosure=corpus["land"], reason="Sai diện tích")
    assert "Phương án bồi thường khi thu hồi đất đai tổ 1" not in titles(
        search.search("dat dai", today=TODAY)
    )


@pytest.mark.parametrize(
    "text",
    [
        "x" * 10_000,
        '"dat" OR NEAR(dai, 2) -- ; DROP TABLE core_searchentry',
        "dat* AND (dai | !ngan) & <-> :*",
        "title_key:dat ^dai {a b}",
        "' \" \\ % _ \x00",
        "",
        "   ",
        "!!!???",
    ],
)
def test_hostile_or_huge_queries_never_error(corpus, text):
    results = search.search(text, today=TODAY)
    assert len(results.terms) <= search.MAX_TERMS
    assert isinstance(results.hits, list)


def test_operators_are_plain_words(corpus):
    assert search.terms('"dat" OR NEAR(dai, 2)') == ["dat", "or", "near", "dai", "2"]
    assert titles(search.search("dat AND dai", today=TODAY)) == []  # "and" is a word nobody wrote


def test_paging(corpus):
    first = search.search("dat", today=TODAY, per_page=2)
    second = search.search("dat", today=TODAY, per_page=2, page=2)
    assert first.has_next and not second.has_next
    assert len(first.hits) == 2 and len(second.hits) == 1
    assert not set(titles(first)) & set(titles(second))
