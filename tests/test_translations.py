"""The English catalogues: complete, compiled, covering the house's sources, and used by the pages.

Every catalogue is checked: the house's (danchu/locale/en) and each app's own (danchu/<app>/locale/en).
A msgid without a translation, or with makemessages' fuzzy guess, fails; so does a .mo whose content
differs from its .po (someone edited the .po and did not run `msgfmt -o django.mo django.po`).
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
DANCHU = ROOT / "danchu"
HOUSE = DANCHU / "locale" / "en" / "LC_MESSAGES"
# Built by other people, each with its own catalogue in danchu/<app>/locale: not the house's to cover.
OWN_CATALOGUE_APPS = ("decisions", "consultations", "petitions", "conventions", "reception")


def catalogues() -> list[Path]:
    """Every English catalogue directory (LC_MESSAGES) that holds a django.po."""
    found = [HOUSE, *sorted(DANCHU.glob("*/locale/en/LC_MESSAGES"))]
    return [d for d in found if (d / "django.po").exists()]


@dataclass
class Entry:
    msgid: str = ""
    plural: str | None = None
    context: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    line: int = 0

    @property
    def key(self) -> str:
        return f"{self.context}\x04{self.msgid}" if self.context is not None else self.msgid


def _unquote(text: str) -> str:
    value = ast.literal_eval(text.strip())
    assert isinstance(value, str)
    return value


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file (enough of the format for makemessages' output: no external parser)."""
    entries: list[Entry] = []
    entry, part = Entry(), ""
    for number, raw in enumerate([*path.read_text(encoding="utf-8").splitlines(), ""], 1):
        line = raw.strip()
        if not line:
            if part:
                entries.append(entry)
            entry, part = Entry(), ""
            continue
        if line.startswith("#~"):
            entry.obsolete, part = True, part or "obsolete"
            continue
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        entry.line = entry.line or number
        keyword, _, rest = line.partition(" ")
        if keyword == "msgctxt":
            part, entry.context = "msgctxt", _unquote(rest)
        elif keyword == "msgid":
            part, entry.msgid = "msgid", _unquote(rest)
        elif keyword == "msgid_plural":
            part, entry.plural = "msgid_plural", _unquote(rest)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            part = f"msgstr:{index}"
            entry.msgstr[index] = _unquote(rest)
        elif line.startswith('"'):
            more = _unquote(line)
            if part == "msgctxt":
                entry.context = (entry.context or "") + more
            elif part == "msgid":
                entry.msgid += more
            elif part == "msgid_plural":
                entry.plural = (entry.plural or "") + more
            elif part.startswith("msgstr:"):
                index = int(part[7:])
                entry.msgstr[index] += more
    return entries


def messages_of(path: Path) -> list[Entry]:
    return [e for e in parse_po(path) if e.msgid and not e.obsolete]


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{[^{}]*\}")


def _placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


@pytest.mark.parametrize("directory", catalogues(), ids=_ids(catalogues()))
def test_catalogue_has_no_untranslated_fuzzy_or_obsolete_entry(directory: Path) -> None:
    po = directory / "django.po"
    entries = parse_po(po)
    untranslated = [e for e in entries if e.msgid and not e.obsolete and not all(e.msgstr.values())]
    fuzzy = [e for e in entries if e.msgid and not e.obsolete and "fuzzy" in e.flags]
    obsolete = [e for e in entries if e.obsolete]
    where = po.relative_to(ROOT)
    assert not untranslated, f"{where}: untranslated: " + "; ".join(
        f"{e.line}: {e.msgid!r}" for e in untranslated
    )
    assert not fuzzy, f"{where}: fuzzy (review, then drop the flag): " + "; ".join(
        f"{e.line}: {e.msgid!r}" for e in fuzzy
    )
    assert not obsolete, (
        f"{where}: {len(obsolete)} obsolete #~ entries; remove them (msgattrib --no-obsolete)"
    )


@pytest.mark.parametrize("directory", catalogues(), ids=_ids(catalogues()))
def test_translations_keep_placeholders_and_plural_forms(directory: Path) -> None:
    wrong = []
    for e in messages_of(directory / "django.po"):
        sources = [e.msgid] if e.plural is None else [e.msgid, e.plural]
        wanted = {tuple(_placeholders(s)) for s in sources}
        for index, text in e.msgstr.items():
            if text and tuple(_placeholders(text)) not in wanted:
                wrong.append(f"{e.line}: {e.msgid!r} [{index}] {text!r}")
        if e.plural is not None and sorted(e.msgstr) != [0, 1]:
            wrong.append(f"{e.line}: {e.msgid!r} needs msgstr[0] and msgstr[1] (English has two forms)")
    assert not wrong, "\n".join(wrong)


# The catalogues are merged at run time, the house's first and then the apps' in INSTALLED_APPS order, so
# the first English given to a Vietnamese text shows on every app's page. One text therefore has one
# English in every catalogue; where the same words mean different things, the place that differs gives
# them a context (`{% translate "Số hộ" context "số lượng" %}`, `pgettext`). These still differ, each a
# mistranslation somewhere until it gets its context: the list may only shrink.
STILL_DIFFERENT = {
    "chức danh", "Diễn biến", "Góp ý", "Hộ gia đình", "hạn", "hộ", "ký hiệu", "ngày", "năm", "số thứ tự",
    "đối tượng",
}  # fmt: skip


def test_one_text_has_one_english_in_every_catalogue() -> None:
    english: dict[str, dict[str, str]] = defaultdict(dict)
    for directory in catalogues():
        for entry in messages_of(directory / "django.po"):
            english[entry.key][str(directory.relative_to(DANCHU))] = entry.msgstr.get(0, "")
    differing = {key for key, by_catalogue in english.items() if len(set(by_catalogue.values())) > 1}
    new = {key: english[key] for key in sorted(differing - STILL_DIFFERENT)}
    assert not new, f"one Vietnamese text, different English (use one, or give a context): {new}"
    assert not STILL_DIFFERENT - differing, (
        f"now agreed: remove from STILL_DIFFERENT {STILL_DIFFERENT - differing}"
    )


def expected_catalog(po: Path) -> dict[Any, str]:
    """What msgfmt would compile from `po`: its translated, non-fuzzy messages (the header aside: msgfmt
    rewrites it)."""
    catalog: dict[Any, str] = {}
    for e in parse_po(po):
        if e.obsolete or "fuzzy" in e.flags or not e.msgid:
            continue
        if e.plural is None:
            if e.msgstr.get(0):
                catalog[e.key] = e.msgstr[0]
        elif all(e.msgstr.values()):
            for index, text in e.msgstr.items():
                catalog[(e.key, index)] = text
    return catalog


@pytest.mark.parametrize("directory", catalogues(), ids=_ids(catalogues()))
def test_compiled_catalogue_matches_its_source(directory: Path) -> None:
    mo = directory / "django.mo"
    assert mo.exists(), f"{mo.relative_to(ROOT)} is missing: run msgfmt --check -o django.mo django.po"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    actual = {k: v for k, v in compiled._catalog.items() if k != ""}  # type: ignore[attr-defined]
    expected = expected_catalog(directory / "django.po")
    stale = sorted(
        str(k)
        for k in expected.keys() - actual.keys() | {k for k in expected if actual.get(k) != expected[k]}
    )
    extra = sorted(str(k) for k in actual.keys() - expected.keys())
    assert not stale and not extra, (
        f"{mo.relative_to(ROOT)} is older than its .po (run msgfmt --check -o django.mo django.po): "
        f"{len(stale)} missing or changed, {len(extra)} no longer in the .po, e.g. {(stale or extra)[:3]}"
    )


def _copy_house_sources(target: Path) -> None:
    """The house's .py, .html and .txt files, without the apps that keep (or will keep) their own
    catalogue: the five listed above and any app with a locale directory of its own."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = {"locale", "static", "__pycache__", "fonts"}
        if Path(directory) == DANCHU:
            skipped |= set(OWN_CATALOGUE_APPS) | {n for n in names if (DANCHU / n / "locale").is_dir()}
        return {
            n
            for n in names
            if n in skipped or ((Path(directory) / n).is_file() and not n.endswith((".py", ".html", ".txt")))
        }

    shutil.copytree(DANCHU, target, ignore=ignore)


def test_house_catalogue_covers_every_marked_string(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """makemessages over a copy of the house's sources finds nothing the catalogue lacks."""
    if shutil.which("xgettext") is None:  # `make test` installs it (scripts/gettext.sh), bare pytest may not
        if os.environ.get("DANCHU_REQUIRE_GETTEXT"):
            pytest.fail("GNU gettext (xgettext) is missing: scripts/gettext.sh installs it")
        pytest.skip("GNU gettext (xgettext) is not installed")
    source = tmp_path / "danchu"
    _copy_house_sources(source)
    locale = source / "locale"
    locale.mkdir()
    monkeypatch.chdir(source)
    # The copy's own locale directory only: the real catalogues are never written.
    with override_settings(LOCALE_PATHS=[locale]):
        call_command("makemessages", locale=["en"], verbosity=0, no_location=True)
    extracted = {e.key for e in messages_of(locale / "en" / "LC_MESSAGES" / "django.po")}
    house = {
        e.key for e in messages_of(HOUSE / "django.po") if all(e.msgstr.values()) and "fuzzy" not in e.flags
    }
    missing = sorted(extracted - house)
    assert not missing, (
        f"{len(missing)} marked strings have no English in danchu/locale/en (run makemessages as in "
        f"docs/development.md, translate, compile): {missing[:10]}"
    )


# Pages in English -----------------------------------------------------------------------------------------

TRANSLATE_TAG = re.compile(r"""\{%\s*translate\s+(["'])(.+?)\1""")


def base_template_labels() -> Iterator[str]:
    """The Vietnamese labels base.html marks for translation whose English differs from them."""
    house = {e.msgid: e.msgstr.get(0, "") for e in messages_of(HOUSE / "django.po")}
    text = (DANCHU / "templates" / "base.html").read_text(encoding="utf-8")
    for _quote, label in TRANSLATE_TAG.findall(text):
        if house.get(label) and house[label] != label:
            yield label


def english(client: Any) -> Any:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def assert_english(response: Any, *phrases: str) -> str:
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    body = response.content.decode()
    assert '<html lang="en">' in body
    for phrase in phrases:
        assert phrase in body, f"{phrase!r} missing from the English page"
    left = [label for label in base_template_labels() if f">{label}<" in body or f'"{label}"' in body]
    assert not left, f"Vietnamese labels of base.html left on the English page: {left}"
    return body


def test_base_template_has_labels_to_check() -> None:
    labels = list(base_template_labels())
    assert "Trang chủ" in labels and "Đăng nhập" in labels


@pytest.mark.django_db
def test_portal_home_in_english(client: Any) -> None:
    body = assert_english(
        english(client).get(reverse("portal:home")),
        "Home",
        "Log in",
        "Provinces and cities",
        "People know, people discuss",
    )
    assert "Trang chủ" not in body and "Tỉnh, thành phố" not in body


@pytest.mark.django_db
def test_the_language_of_a_request_ends_with_it(client: Any) -> None:
    """A service, task or test after an English request still speaks Vietnamese (the default)."""
    english(client).get(reverse("portal:home"))
    assert translation.get_language() == settings.LANGUAGE_CODE == "vi"


@pytest.mark.django_db
def test_login_page_in_english(client: Any) -> None:
    body = assert_english(english(client).get(reverse("accounts:login")), "Username", "Password", "Log in")
    assert "Tên đăng nhập" not in body and "Mật khẩu" not in body


@pytest.mark.django_db
def test_plans_list_in_english_for_an_official(tree: Any, personas: Any, login: Any) -> None:
    client = english(login(personas["commune_official"]))
    body = assert_english(
        client.get(reverse("plans:list", args=[tree.commune.pk])),
        "Workspace",
        "Log out",
        "Number and code",
        "Summary",
        "No plans yet.",
    )
    assert "Chưa có kế hoạch nào." not in body and "Trích yếu" not in body


@pytest.mark.django_db
def test_a_refusal_is_explained_in_english(tree: Any, personas: Any, login: Any) -> None:
    """A form's error and a service's message are marked too, not only the templates."""
    client = english(login(personas["commune_official"]))
    response = client.post(
        reverse("units:close_agency", args=[tree.agency.pk]), {"on": "31/02/2026", "reason": "x"}, follow=True
    )
    body = response.content.decode()
    assert "Invalid date; enter it as dd/mm/yyyy." in body and "Ngày không hợp lệ" not in body
    response = client.post(
        reverse("units:unit", args=[tree.commune.pk]), {"name": "tổ dân phố 1", "kind": "thon"}
    )
    body = response.content.decode()
    assert "already exists in" in body and "Đã có" not in body
