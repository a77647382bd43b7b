"""Regression from the hostile probe: the posting period cannot be shortened by back-dating."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danchu.conventions import services
from danchu.conventions.models import VersionState
from danchu.core.errors import DomainError
from danchu.core.models import AuditEntry

from .conftest import at


def test_a_draft_cannot_be_posted_before_it_was_written(tree: Any, personas: Any, drafted: Any) -> None:
    version = drafted.versions.get()  # drafted on 02/03/2026
    audits = AuditEntry.objects.count()
    with at(2026, 3, 2), pytest.raises(DomainError, match="không được trước ngày soạn dự thảo") as caught:
        services.post_draft(
            actor=personas["village_head"],
            version=version,
            posted_on=dt.date(2025, 12, 1),
            place="Nhà văn hóa",
        )
    assert caught.value.field == "posted_on"
    version.refresh_from_db()
    assert version.state == VersionState.DRAFT and version.posted_on is None
    assert AuditEntry.objects.count() == audits
