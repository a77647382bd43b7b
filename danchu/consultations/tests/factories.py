"""Drafts and consultations for tests, the door walk, the browser journey and the benchmark."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from danchu.consultations import services
from danchu.consultations.matters import sync_matters
from danchu.consultations.models import Consultation, MatterKind

REGULATION = [
    ("ỦY BAN NHÂN DÂN PHƯỜNG CHÁNH LỘ", False),
    ("QUY CHẾ", True),
    ("Thực hiện dân chủ ở phường Chánh Lộ", True),
    ("Chương I", True),
    ("QUY ĐỊNH CHUNG", True),
    ("Điều 1. Phạm vi điều chỉnh", True),
    ("Quy chế này quy định nội dung, hình thức thực hiện dân chủ ở phường.", False),
    ("Điều 2. Nguyên tắc thực hiện", True),
    ("1. Bảo đảm công khai, minh bạch.", False),
    ("2. Bảo đảm quyền của Nhân dân:", False),
    ("a) Nhân dân được biết;", False),
    ("b) Nhân dân bàn và quyết định.", False),
    ("Chương II", True),
    ("CÔNG KHAI THÔNG TIN", True),
    ("Điều 3. Hình thức công khai", True),
    ("1. Niêm yết tại trụ sở Ủy ban nhân dân phường ít nhất 30 ngày.", False),
    ("2. Đăng trên cổng thông tin điện tử của phường.", False),
    ("Điều 4. Hòm thư góp ý", True),
    ("Hòm thư góp ý được mở mỗi tháng một lần với sự tham gia của Ban Thanh tra nhân dân.", False),
]


def regulation_docx(paragraphs: list[tuple[str, bool]] | None = None) -> bytes:
    """A draft regulation as a real Word file (python-docx)."""
    from docx import Document

    document = Document()
    for text, bold in paragraphs or REGULATION:
        document.add_paragraph().add_run(text).bold = bold
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def revised_docx() -> bytes:
    """The regulation after taking opinions on board: article 3 clause 1 changed, an article 5 added."""
    paragraphs = [
        (t.replace("ít nhất 30 ngày.", "và nhà văn hóa các tổ dân phố ít nhất 30 ngày."), b)
        for t, b in REGULATION
    ]
    paragraphs += [("Điều 5. Hiệu lực", True), ("Quy chế có hiệu lực kể từ ngày ký.", False)]
    return regulation_docx(paragraphs)


def make(actor: Any, unit: Any, *, launch: bool = True, **fields: Any) -> Consultation:
    """Chánh Lộ's draft democracy regulation, put to the whole ward from 02/03 to 16/03/2026."""
    if not MatterKind.objects.exists():  # a transactional test flushed what the migration seeded
        sync_matters(MatterKind)
    values: dict[str, Any] = {
        "matter_code": "25.7",
        "title": "Quy chế thực hiện dân chủ ở phường Chánh Lộ",
        "starts_on": dt.date(2026, 3, 2),
        "ends_on": dt.date(2026, 3, 16),
        "audience": "commune",
        "channels": ["portal", "meeting", "box"],
        "file_name": "du-thao-quy-che.docx",
        "file_data": regulation_docx(),
    }
    values.update(fields)
    consultation = services.create(actor=actor, unit=unit, **values)
    if launch:
        services.launch(actor=actor, consultation=consultation, today=values["starts_on"])
    return consultation


def section(consultation: Consultation, anchor: str) -> int:
    return int(consultation.sections.get(anchor=anchor).pk)
