"""Records of the commune for the one-door walk (tests/test_one_door.py): one for every id kwarg the
conventions' addresses name. The clock is frozen at 2026-03-02 09:00 when this runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danchu.conventions import services
from danchu.conventions.models import Convention

TEXT = "Điều 1. Phạm vi\nTự quản.\nĐiều 2. Vệ sinh\nĐổ rác đúng giờ.\n"


def records(tree: Any, personas: Any) -> dict[str, Any]:
    head, official = personas["village_head"], personas["commune_official"]
    # A convention recognised in 2025 (its steps dated back), public on the register…
    public = services.create_convention(
        actor=head, unit=tree.village, kind="huong_uoc", title="Hương ước", text=TEXT
    )
    version = public.versions.get()
    version.created_at = dt.datetime(2025, 9, 30, tzinfo=dt.UTC)  # drafted before its back-dated posting
    version.save(update_fields=["created_at"])
    services.post_draft(actor=head, version=version, posted_on=dt.date(2025, 10, 1), place="Nhà văn hóa")
    services.record_meeting(actor=head, version=version, on=dt.date(2025, 11, 3), present=2, approving=2)
    services.file_with_commune(actor=head, version=version, on=dt.date(2025, 11, 4))
    services.recognise(actor=official, version=version, on=dt.date(2025, 11, 6), decision_number="9/QĐ-UBND")
    # …and a draft, which only officials reach (the sibling commune's official is refused).
    draft = services.create_convention(
        actor=head, unit=tree.village, kind="quy_uoc", title="Quy ước", text=TEXT
    )
    draft_version = draft.versions.get()
    assert Convention.objects.get(pk=public.pk).current_id == version.pk
    return {
        "conventions.unit_id": tree.village.pk,
        "conventions:register.unit_id": tree.commune.pk,
        "conventions.convention_id": draft.pk,
        "conventions.version_id": draft_version.pk,
        "conventions:public.convention_id": public.pk,
        "conventions:public_version.convention_id": public.pk,
        "conventions:public_version.version_id": version.pk,
        "conventions:pdf.convention_id": public.pk,
        "conventions:pdf.version_id": version.pk,
        "conventions:docx.convention_id": public.pk,
        "conventions:docx.version_id": version.pk,
        "convention_id": draft.pk,
        "version_id": draft_version.pk,
    }
