"""Tìm kiếm: one interface over public content, SQLite FTS5 or PostgreSQL full text underneath.

Apps describe what is public as a `Document` (`index`, `remove`); `search` answers a citizen's words, with
or without diacritics, ranked (title above body, then newest), filtered by unit subtree, category and date.
User text never reaches the query language: it is folded and cut into at most `MAX_TERMS` plain words,
so a 10,000-character string or one full of operators is simply a few words, and search never errors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from . import registry
from .models import SearchEntry
from .text import fold

MAX_QUERY_CHARS = 200
MAX_TERMS = 8
_WORD = re.compile(r"[a-z0-9]+")
_TAIL = "e.day DESC, e.id DESC LIMIT %s OFFSET %s"
_FIELDS = "e.kind, e.object_id, e.title, e.url, e.unit_name, e.day, e.summary, e.categories"


@dataclass(frozen=True)
class Document:
    kind: str
    object_id: int
    unit_id: int
    unit_path: str
    unit_name: str
    categories: Sequence[str]
    day: dt.date
    visible_from: dt.date
    title: str
    body: str
    url: str


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    url: str
    unit_name: str
    day: dt.date
    summary: str
    categories: list[str]
    label: str = ""  # what kind of content it is, as its app declares (core.registry.search_kinds)


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    terms: list[str]
    page: int
    has_next: bool
    near: bool = False  # PostgreSQL found no word match and offers titles that look alike


def terms(text: str) -> list[str]:
    """The plain folded words of a query ("Đất  đai!" → ["dat", "dai"]), duplicates dropped."""
    words = _WORD.findall(fold(text[:MAX_QUERY_CHARS]))
    return list(dict.fromkeys(words))[:MAX_TERMS]


def _summary(body: str) -> str:
    text = " ".join(body.split())
    return text if len(text) <= 280 else text[:277].rsplit(" ", 1)[0] + "…"


def index(document: Document) -> None:
    """Add or rewrite the entry of one piece of public content."""
    SearchEntry.objects.update_or_create(
        kind=document.kind,
        object_id=document.object_id,
        defaults={
            "unit_id": document.unit_id,
            "unit_path": document.unit_path,
            "unit_name": document.unit_name,
            "categories": "|" + "|".join(document.categories) + "|" if document.categories else "",
            "day": document.day,
            "visible_from": document.visible_from,
            "title": document.title[:500],
            "summary": _summary(document.body),
            "url": document.url,
            "title_key": fold(document.title),
            "body_key": fold(document.body),
        },
    )


def remove(kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filters(
    today: dt.date,
    within_path: str | None,
    category: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    kinds: Sequence[str] | None,
) -> tuple[str, list[Any]]:
    sql: list[str] = ["e.visible_from <= %s"]
    params: list[Any] = [today]
    if within_path:
        sql.append("e.unit_path LIKE %s ESCAPE '\\'")
        params.append(_like(within_path) + "%")
    if category:
        sql.append("e.categories LIKE %s ESCAPE '\\'")
        params.append(f"%|{_like(category)}|%")
    if date_from:
        sql.append("e.day >= %s")
        params.append(date_from)
    if date_to:
        sql.append("e.day <= %s")
        params.append(date_to)
    if kinds:
        sql.append("e.kind IN (" + ", ".join(["%s"] * len(kinds)) + ")")
        params.extend(kinds)
    return " AND ".join(sql), params


def _hits(rows: list[tuple[object, ...]]) -> list[Hit]:
    labels = registry.search_kinds()
    return [
        Hit(
            kind=str(kind),
            object_id=int(object_id),  # type: ignore[call-overload]
            title=str(title),
            url=str(url),
            unit_name=str(unit_name),
            day=day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)),
            summary=str(summary),
            categories=[c for c in str(categories).split("|") if c],
            label=str(labels.get(str(kind), "")),
        )
        for kind, object_id, title, url, unit_name, day, summary, categories in rows
    ]


def search(
    text: str,
    *,
    today: dt.date,
    within_path: str | None = None,
    category: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    kinds: Sequence[str] | None = None,
    page: int = 1,
    per_page: int = 20,
) -> Results:
    """Ranked hits for the words of `text` (the last word may be unfinished: it matches as a prefix)."""
    words = terms(text)
    page = max(1, min(page, 50))
    if not words:
        return Results(hits=[], terms=[], page=page, has_next=False)
    where, params = _filters(today, within_path, category, date_from, date_to, kinds)
    limit, offset = per_page + 1, (page - 1) * per_page
    near = False
    # Only our own constant fragments are joined into the SQL; every user value is a parameter.
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            query = " & ".join([*words[:-1], words[-1] + ":*"])
            sql = ["SELECT", _FIELDS, "FROM core_searchentry e, to_tsquery('simple', %s) q WHERE"]
            sql += ["e.search_vector @@ q AND", where, "ORDER BY ts_rank_cd(e.search_vector, q) DESC,"]
            cursor.execute(" ".join([*sql, _TAIL]), [query, *params, limit, offset])
            rows = cursor.fetchall()
            if not rows and page == 1:
                # No word matched: titles that look like the query (a misspelt "dat dia" finds "đất đai").
                phrase = " ".join(words)
                sql = ["SELECT", _FIELDS, "FROM core_searchentry e WHERE e.title_key %% %s AND", where]
                sql += ["ORDER BY similarity(e.title_key, %s) DESC, e.day DESC LIMIT %s"]
                cursor.execute(" ".join(sql), [phrase, *params, phrase, limit])
                rows, near = cursor.fetchall(), True
        else:
            query = " ".join([*(f'"{w}"' for w in words[:-1]), f'"{words[-1]}"*'])
            sql = ["SELECT", _FIELDS, "FROM core_searchentry_fts f JOIN core_searchentry e ON e.id = f.rowid"]
            sql += [
                "WHERE core_searchentry_fts MATCH %s AND",
                where,
                "ORDER BY bm25(core_searchentry_fts, 10.0, 1.0),",
            ]
            cursor.execute(" ".join([*sql, _TAIL]), [query, *params, limit, offset])
            rows = cursor.fetchall()
    hits = _hits(rows)
    return Results(hits=hits[:per_page], terms=words, page=page, has_next=len(hits) > per_page, near=near)
