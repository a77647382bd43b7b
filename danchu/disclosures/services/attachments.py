"""Files attached to a draft: PDF, Word or a photo, checked by their content."""

from __future__ import annotations

import hashlib
import secrets

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from danchu.accounts.models import User
from danchu.core import audit
from danchu.core.errors import DomainError
from danchu.core.files import check_upload
from danchu.core.text import clean_text

from .. import selectors
from ..models import Attachment, Disclosure
from ..permissions import DisclosurePerm
from ._rules import require_draft

# Product choice: a disclosure is a document with its annexes, not a file store.
MAX_ATTACHMENTS = 20


@transaction.atomic
def add_attachment(*, actor: User, disclosure: Disclosure, name: str, data: bytes) -> Attachment:
    """Đính kèm tệp, only while the disclosure is a draft (checked, and counted, on the locked row)."""
    disclosure = selectors.access_disclosure(
        actor=actor, disclosure_id=disclosure.pk, perm=DisclosurePerm.MANAGE, for_write=True
    )
    require_draft(disclosure)
    name = clean_text(name, field="file", label=gettext_noop("Tên tệp"), max_length=200)
    kind = check_upload(name, data, field="file", label=_("Tệp đính kèm"))
    if disclosure.attachments.count() >= MAX_ATTACHMENTS:
        raise DomainError(
            _("Mỗi thông tin công khai có tối đa %(MAX_ATTACHMENTS)s tệp đính kèm.")
            % {"MAX_ATTACHMENTS": MAX_ATTACHMENTS},
            field="file",
        )
    attachment = Attachment(
        disclosure=disclosure, name=name, kind=kind, size=len(data), sha256=hashlib.sha256(data).hexdigest()
    )
    attachment.file.save(f"{secrets.token_hex(8)}.{kind}", ContentFile(data), save=False)
    attachment.save()
    audit.record(
        actor=actor,
        action="disclosures.attachment.add",
        obj=disclosure,
        after={
            "attachment": attachment.pk,
            "name": name,
            "kind": kind,
            "size": len(data),
            "sha256": attachment.sha256,
        },
        scope_unit_id=disclosure.unit_id,
    )
    return attachment


@transaction.atomic
def remove_attachment(*, actor: User, attachment: Attachment) -> None:
    """Bỏ tệp khỏi dự thảo; the stored file is deleted once the removal is committed."""
    disclosure = selectors.access_disclosure(
        actor=actor, disclosure_id=attachment.disclosure_id, perm=DisclosurePerm.MANAGE, for_write=True
    )
    require_draft(disclosure)
    found = disclosure.attachments.filter(pk=attachment.pk).first()  # the draft's lock serialises its files
    if found is None:
        raise DomainError(_("Tệp này đã được bỏ."))
    audit.record(
        actor=actor,
        action="disclosures.attachment.remove",
        obj=disclosure,
        before={"attachment": found.pk, "name": found.name, "sha256": found.sha256},
        scope_unit_id=disclosure.unit_id,
    )
    stored, storage = str(found.file.name), found.file.storage
    found.delete()
    transaction.on_commit(lambda: storage.delete(stored))
