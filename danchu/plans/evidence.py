"""Evidence files attached to task updates: only documents and photos, checked by content, not by name."""

from django.utils.translation import gettext as _

from danchu.core.files import check_upload


def check_evidence(name: str, data: bytes) -> None:
    """Refuse what is not a PDF, Word document or photo, what claims to be one and is not, is too big or
    carries active content."""
    check_upload(name, data, field="evidence", label=_("Tài liệu kèm theo"))
