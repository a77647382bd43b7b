from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from danchu.core import audit
from danchu.core.models import AuditChainHead, AuditEntry

pytestmark = pytest.mark.django_db


def _raw_delete(pk: int) -> None:
    """What someone with database access could do; the application itself refuses deletes."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [pk])


def _write(actor, obj, n):
    with transaction.atomic():
        return audit.record(actor=actor, action="test.write", obj=obj, before={"n": n - 1}, after={"n": n})


@pytest.mark.django_db(transaction=True)
def test_record_needs_the_service_transaction(tree):
    with pytest.raises(RuntimeError):
        audit.record(actor=None, action="x", obj=tree.commune)


def test_entries_chain_and_verify(tree, personas):
    entries = [_write(personas["commune_official"], tree.commune, n) for n in range(1, 4)]
    assert entries[0].prev_hash == audit.GENESIS
    assert entries[1].prev_hash == entries[0].hash
    assert entries[2].actor_label == "xa"
    checked, broken = audit.verify_chain()
    assert (checked, broken) == (3, None)
    assert AuditChainHead.objects.get().last_hash == entries[-1].hash


def test_snapshot_values_read_back_identically(tree):
    """Dates, decimals and foreign keys are stored as plain JSON so the hash survives a round trip."""
    tree.village.valid_from = __import__("datetime").date(2025, 7, 1)
    with transaction.atomic():
        entry = audit.record(
            actor=None,
            action="t",
            obj=tree.village,
            after=audit.snapshot(tree.village, ["parent", "valid_from", "name"]),
        )
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.after == {"parent": tree.commune.pk, "valid_from": "2025-07-01", "name": "Tổ dân phố 1"}
    assert audit.verify_chain() == (1, None)


def test_tampering_with_content_is_found_at_that_entry(tree, personas):
    entries = [_write(personas["admin"], tree.commune, n) for n in range(1, 5)]
    AuditEntry.objects.filter(pk=entries[1].pk).update(after={"n": 999})
    _checked, broken = audit.verify_chain()
    assert broken is not None and broken.entry_id == entries[1].pk
    with pytest.raises(CommandError, match=f"#{entries[1].pk}"):
        call_command("verify_audit")


def test_deleting_an_entry_breaks_the_next_link(tree, personas):
    entries = [_write(personas["admin"], tree.commune, n) for n in range(1, 5)]
    _raw_delete(entries[2].pk)
    _, broken = audit.verify_chain()
    assert broken is not None and broken.entry_id == entries[3].pk


def test_deleting_the_last_entry_is_found(tree, personas):
    entries = [_write(personas["admin"], tree.commune, n) for n in range(1, 3)]
    _raw_delete(entries[-1].pk)
    _, broken = audit.verify_chain()
    assert broken is not None


def test_verify_audit_command_reports_success(tree, personas, capsys):
    _write(personas["admin"], tree.commune, 1)
    call_command("verify_audit")
    assert "toàn vẹn: 1 mục" in capsys.readouterr().out


def test_object_type_and_scope_recorded(tree):
    with transaction.atomic():
        entry = audit.record(actor=None, action="t", obj=tree.village, scope_unit_id=tree.village.pk)
    assert entry.object_type == "units.unit"
    assert entry.object_id == str(tree.village.pk)
    assert entry.actor_label == "hệ thống"
    assert entry.scope_unit_id == tree.village.pk


def test_the_application_refuses_to_delete_entries_and_records(tree, personas):
    from danchu.core.models import RecordDeletionError

    entry = _write(personas["admin"], tree.commune, 1)
    with pytest.raises(RecordDeletionError):
        entry.delete()
    with pytest.raises(RecordDeletionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(RecordDeletionError):
        tree.h1.delete()
    with pytest.raises(RecordDeletionError):
        type(tree.village).objects.filter(pk=tree.village.pk).delete()
