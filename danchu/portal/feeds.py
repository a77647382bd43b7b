"""Atom feeds of a commune's disclosures, whole or one category: what feed readers and other sites follow."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from danchu.disclosures import selectors
from danchu.disclosures.models import Disclosure, DisclosureItem
from danchu.disclosures.richtext import plain
from danchu.units import selectors as unit_selectors
from danchu.units.models import Unit

FEED_SIZE = 50


class DisclosureFeed(Feed[Disclosure, tuple[Unit, DisclosureItem | None]]):
    feed_type = Atom1Feed

    def get_object(
        self, request: HttpRequest, unit_id: int, code: str | None = None
    ) -> tuple[Unit, DisclosureItem | None]:
        return unit_selectors.public_unit(unit_id), selectors.item_by_code(code)

    def title(self, obj: tuple[Unit, DisclosureItem | None]) -> str:
        unit, item = obj
        return f"Công khai thông tin – {unit.name}" + (f" – {item.code} {item.short_title}" if item else "")

    def link(self, obj: tuple[Unit, DisclosureItem | None]) -> str:
        return reverse("portal:unit", args=[obj[0].pk])

    def subtitle(self, obj: tuple[Unit, DisclosureItem | None]) -> str:
        return f"Những nội dung {obj[0].name} công khai theo Luật Thực hiện dân chủ ở cơ sở."

    def items(self, obj: tuple[Unit, DisclosureItem | None]) -> QuerySet[Disclosure]:
        unit, item = obj
        return selectors.archive(unit, timezone.localdate(), item_code=item.code if item else None)[
            :FEED_SIZE
        ]

    def item_title(self, item: Disclosure) -> str:
        return item.title

    def item_description(self, item: Disclosure) -> str:
        window = f"Công khai từ {item.starts_on:%d/%m/%Y} đến {item.ends_on:%d/%m/%Y}."
        text = plain(item.body)
        return f"{window} {text[:500]}".strip()

    def item_link(self, item: Disclosure) -> str:
        return reverse("portal:disclosure", args=[item.pk])

    def item_pubdate(self, item: Disclosure) -> dt.datetime:
        start = dt.datetime.combine(item.starts_on, dt.time(7, 0))
        return timezone.make_aware(start)

    def item_updateddate(self, item: Disclosure) -> dt.datetime:
        return item.updated_at

    def item_categories(self, item: Disclosure) -> list[str]:
        return [i.code for i in item.items.all()]
