"""A message a service or view shows to people is marked for translation.

`DomainError`, `PermissionDeniedError` and `NotFoundError` carry text to the page or the API, and
`messages.<level>(request, text)` puts it on the next page: text written there as a plain string, an
f-string, or a string glued to others is never in the English catalogue, so an English reader gets
Vietnamese. Mark it with `gettext` (`_("… %(name)s …") % {"name": x}`), or pass a constant that is
marked already (docs/development.md, "Translations").

The helpers that name a field in their message (`clean_text`, `bounded_date`, `check_upload`,
`check_day`) take its `label=` the same way: `gettext_noop("Tiêu đề")` (or `_()`), never a plain
string. A `clean_text` without `label=` names the field by `field=`, so a bare key there
(`field="title"`) reaches the reader as “title”.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DANCHU = ROOT / "danchu"
ERRORS = {"DomainError", "PermissionDeniedError", "NotFoundError"}
LEVELS = {"debug", "info", "success", "warning", "error"}
# str methods whose result is still the literal's text (`"…".format(x)`, `f"…".replace(…)`)
TEXT_METHODS = {"format", "replace", "strip", "capitalize", "upper", "lower"}
# helpers that put their `label=` into the message they raise
LABELLED = {"clean_text", "bounded_date", "check_upload", "check_day"}


def sources() -> list[Path]:
    """Every module of the house and its apps, tests and migrations aside."""
    return sorted(
        p
        for p in DANCHU.rglob("*.py")
        if not {"tests", "migrations"} & set(p.relative_to(DANCHU).parts) and not p.name.startswith("test_")
    )


def unmarked_text(node: ast.expr) -> bool:
    """Whether the message `node` is built from a literal that no gettext call wraps."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):  # "…" + x, "…" % x
        return unmarked_text(node.left) or (isinstance(node.op, ast.Add) and unmarked_text(node.right))
    if isinstance(node, ast.IfExp):
        return unmarked_text(node.body) or unmarked_text(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TEXT_METHODS:
        return unmarked_text(node.func.value)
    return False


def _message(call: ast.Call) -> ast.expr | None:
    """The text `call` shows to people: an error's message, a flash message, or a helper's field label."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    if name in ERRORS:
        if call.args:
            return call.args[0]
        return next((k.value for k in call.keywords if k.arg == "message"), None)
    if (
        isinstance(func, ast.Attribute)
        and func.attr in LEVELS
        and isinstance(func.value, ast.Name)
        and func.value.id == "messages"
        and len(call.args) >= 2
    ):
        return call.args[1]
    if name in LABELLED:
        keywords = {k.arg: k.value for k in call.keywords}
        if "label" in keywords:
            return keywords["label"]
        if name == "clean_text":  # no label: the message names the field by its key
            return keywords.get("field")
    return None


def unmarked_messages(source: str, name: str) -> Iterator[str]:
    """`file:line: message` for each unmarked message in `source`."""
    for node in ast.walk(ast.parse(source, name)):
        if isinstance(node, ast.Call) and (message := _message(node)) is not None and unmarked_text(message):
            yield f"{name}:{node.lineno}: {ast.unparse(message)[:100]}"


def test_messages_shown_to_people_are_marked_for_translation() -> None:
    found = [
        line
        for path in sources()
        for line in unmarked_messages(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert not found, f"{len(found)} messages not marked for translation (gettext):\n" + "\n".join(found)


@pytest.mark.parametrize(
    "code",
    [
        'raise DomainError("Đơn đã được xử lý.")',
        'raise DomainError(f"Hộ {n} đã có ý kiến.", field="household")',
        'raise PermissionDeniedError("Chỉ người gửi mới được đánh giá.")',
        'raise NotFoundError(message="Không có sáng kiến này.")',
        'raise errors.DomainError("Không thể " + doing + ".")',
        'raise DomainError(f"{label} phải từ 0 đến {n:,}.".replace(",", "."))',
        'messages.error(request, "Thao tác không hợp lệ.")',
        'messages.success(request, f"Đã thêm {n} lĩnh vực.")',
        'messages.error(request, f"{about}: {text}" if about else text)',
        'clean_text(title, field="title", max_length=300)',
        'clean_text(title, field="title", label="Tiêu đề", max_length=300)',
        'clean_text(text, field="narrative", label=f"Mục {n}")',
        'bounded_date(on, field="on", label="Ngày hiệu lực")',
        'check_upload(name, data, field="file", label="Ảnh" if images_only else "Minh chứng")',
        'limits.check_day(day, field="starts_on", label="Ngày bắt đầu", today=today)',
    ],
)
def test_the_check_catches(code: str) -> None:
    assert list(unmarked_messages(code, "probe.py")), code


@pytest.mark.parametrize(
    "code",
    [
        'raise DomainError(_("Đơn đã được xử lý."))',
        'raise DomainError(_("Hộ %(n)s đã có ý kiến.") % {"n": n}, field="household")',
        "raise DomainError(NOT_FOUND)",
        "raise DomainError(exc.message)",
        "raise PermissionDeniedError()",
        'messages.error(request, gettext("%(about)s: %(text)s") % {"about": a, "text": t} if a else t)',
        'messages.success(request, ngettext("Đã thêm %(n)s.", "Đã thêm %(n)s.", n) % {"n": n})',
        "messages.error(request, exc.message)",
        'raise DomainError("; ".join(problems))',
        'clean_text(title, field="title", label=gettext_noop("Tiêu đề"), max_length=300)',
        'clean_text(text, field="narrative", label=outline[int(key)])',
        'clean_text(number, field=gettext_noop("Số hộ"), max_length=30)',
        "clean_text(value, field=label, max_length=max_length)",
        'bounded_date(on, field="on", label=_("Ngày hiệu lực"))',
        'bounded_date(on, field="on")',
        'check_upload(name, data, field="file", label=_("Ảnh") if images_only else _("Minh chứng"))',
    ],
)
def test_the_check_lets_marked_text_through(code: str) -> None:
    assert not list(unmarked_messages(code, "probe.py")), code
