"""The two formats of GeoReport v2: XML (required; `<?xml …?>` first, text/xml) and JSON (the mechanical
mapping of the XML: a list becomes a top-level array, a nested list an array of its items)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse
from django.utils import timezone

XML_TYPE = "text/xml; charset=utf-8"
JSON_TYPE = "application/json; charset=utf-8"
# Nested lists in XML: the wrapper's name → its items' element name.
ITEM_NAMES = {"endpoints": "endpoint", "formats": "format", "attributes": "attribute", "values": "value"}


def w3c(moment: dt.datetime | None) -> str | None:
    """A W3C datetime with the zone (Asia/Ho_Chi_Minh: +07:00)."""
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment is not None else None


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _fill(parent: ET.Element, data: Mapping[str, Any]) -> None:
    for key, value in data.items():
        child = ET.SubElement(parent, key)
        if isinstance(value, Mapping):
            _fill(child, value)
        elif isinstance(value, list | tuple):
            for item in value:
                sub = ET.SubElement(child, ITEM_NAMES.get(key, "item"))
                if isinstance(item, Mapping):
                    _fill(sub, item)
                else:
                    sub.text = _text(item)
        else:
            child.text = _text(value)


def xml(root: str, item: str | None, data: Sequence[Mapping[str, Any]] | Mapping[str, Any]) -> str:
    element = ET.Element(root)
    if item is None:
        assert isinstance(data, Mapping)
        _fill(element, data)
    else:
        for row in data:
            assert isinstance(row, Mapping)
            _fill(ET.SubElement(element, item), row)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(element, encoding="unicode")


def respond(
    fmt: str,
    root: str,
    item: str | None,
    data: Sequence[Mapping[str, Any]] | Mapping[str, Any],
    status: int = 200,
) -> HttpResponse:
    if fmt == "json":
        return HttpResponse(json.dumps(data, ensure_ascii=False), content_type=JSON_TYPE, status=status)
    return HttpResponse(xml(root, item, data), content_type=XML_TYPE, status=status)


class Open311Error(Exception):
    """An error the spec answers with its error body: 404 missing, 403 key, 400 everything else."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return respond(fmt, "errors", "error", [{"code": status, "description": description}], status=status)
