"""Turning a plan document (kế hoạch) into its structure: header, sections, items, deadlines, refs, signer."""

from django.utils.translation import gettext as _

from .parse import parse_text
from .readers import DocumentError, read_document
from .structure import ParsedPlan


def read_plan(name: str, data: bytes) -> ParsedPlan:
    """Read and parse an uploaded plan; a file that is not a readable plan raises DocumentError."""
    plan = parse_text(read_document(name, data))
    if plan.doc_type != "KH":
        raise DocumentError(_("Tệp không phải một kế hoạch: không tìm thấy dòng tiêu đề “KẾ HOẠCH”."))
    if not plan.sections:
        raise DocumentError(_("Không tìm thấy các phần I, II, III… của kế hoạch; hãy kiểm tra tệp."))
    return plan


__all__ = ["DocumentError", "ParsedPlan", "parse_text", "read_document", "read_plan"]
