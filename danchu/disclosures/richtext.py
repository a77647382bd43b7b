"""The body of a disclosure: a small, safe subset of HTML. Script is refused with a message, not quietly
dropped, so the official knows the text was not kept as written; everything else is cleaned by nh3."""

from __future__ import annotations

import html
import re

import nh3
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.core.errors import DomainError
from danchu.core.text import clean_text

MAX_BODY = 100_000
TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote", "a"}
TAGS |= {"table", "thead", "tbody", "tr", "th", "td"}
ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}
_ACTIVE = re.compile(
    r"<\s*(script|iframe|object|embed|style|svg|math|form)\b|\son[a-z]+\s*=|(java|vb)script\s*:|data\s*:\s*text/html",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[a-zA-Z/!]")


def clean_body(value: str) -> str:
    """Sanitised HTML; plain text becomes paragraphs. Refuses script, event handlers, javascript: links."""
    value = clean_text(
        value, field="body", label=gettext_noop("Nội dung thông tin"), max_length=MAX_BODY, required=False
    )
    if _ACTIVE.search(value):
        raise DomainError(
            _(
                "Nội dung chứa mã script, thuộc tính sự kiện (onclick, onerror…) hoặc liên kết javascript: "
                "nên không được lưu. Hãy xoá các phần đó rồi lưu lại."
            ),
            field="body",
        )
    if not _TAG.search(value):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
        return "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return nh3.clean(
        value,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def plain(body: str) -> str:
    """The words of a body, for search and feeds."""
    text = nh3.clean(re.sub(r"</(p|li|h3|h4|tr|blockquote)>|<br\s*/?>", "\n", body), tags=set())
    return html.unescape(text).strip()
