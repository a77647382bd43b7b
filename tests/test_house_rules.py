"""The house's own rules, checked over the source so that no new room breaks them unseen:
modules stay small, `core` and `accounts` name no domain app, every page reaches its object through
one door (no access-then-require pairs), and every audited change has one shape (`audit.audited`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from danchu.core import registry

ROOT = Path(__file__).resolve().parent.parent / "danchu"
MAX_LINES = 400
# Data, not logic: long by nature (the rulebook's statutory parameters, holidays, catalogues).
DATA_SEEDS = {"core/rulebook_seed.py", "core/calendar_seed.py"}


def _modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "migrations" not in p.parts)


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_no_module_passes_the_house_size() -> None:
    long = {
        _name(p): n
        for p in _modules()
        if _name(p) not in DATA_SEEDS and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these modules into packages (over {MAX_LINES} lines): {long}"


@pytest.mark.django_db
def test_core_and_accounts_name_no_domain_app() -> None:
    codes = {perm.code for perm in registry.permissions()}
    labels = {app.label for app in registry.domain_apps()}
    assert codes and labels
    offending = []
    for path in _modules():
        if not _name(path).startswith(("core/", "accounts/")) or _name(path) in DATA_SEEDS:
            continue
        text = path.read_text(encoding="utf-8")
        offending += [f"{_name(path)}: permission {code}" for code in codes if f'"{code}"' in text]
        offending += [
            f"{_name(path)}: imports {label}"
            for label in labels
            if re.search(rf"^\s*(from|import) danchu\.{label}\b", text, flags=re.M)
        ]
    assert offending == []


def test_no_access_is_followed_by_a_second_permission_check() -> None:
    pair = re.compile(
        r"^\s*(\w+) = [\w.]*access_\w+\((?:[^()]|\([^()]*\))*\)\s*\n\s*policy\.require\([^\n]*\b\1\)", re.M
    )
    found = [
        f"{_name(p)}: {m.group(0).strip()[:80]}" for p in _modules() for m in pair.finditer(p.read_text())
    ]
    assert found == [], "pass the permission to the access_* call instead"


def test_every_audited_change_has_one_shape() -> None:
    skeleton = re.compile(r"before = audit\.snapshot\(")
    found = [_name(p) for p in _modules() if "/tests/" not in str(p) and skeleton.search(p.read_text())]
    assert found == [], "use `with audit.audited(...)` instead of snapshot → change → record"
