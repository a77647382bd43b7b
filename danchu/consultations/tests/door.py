"""Records of the commune for the one-door walk (tests/test_one_door.py), made through the services."""

from __future__ import annotations

from typing import Any

from danchu.consultations import services

from .factories import make


def records(tree: Any, personas: Any) -> dict[str, Any]:
    consultation = make(personas["commune_official"], tree.commune)
    opinion = services.give(actor=personas["citizen"], consultation=consultation, text="Đồng ý với dự thảo.")
    return {"consultation_id": consultation.pk, "opinion_id": opinion.pk}
