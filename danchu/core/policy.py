"""One permission policy for the whole product.

The policy lives in `accounts` (it knows roles); lower layers such as `units` ask it through
this module so that dependencies keep pointing one way. `DANCHU_PERMISSION_POLICY` names it.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from .errors import PermissionDeniedError


class Perm(StrEnum):
    """What an actor may do; every check in the product names one of these."""

    VIEW_UNIT = "unit.view"  # see a unit's internal pages (agencies, villages, statistics)
    MANAGE_UNIT = "unit.manage"  # create villages, agencies; move units
    VIEW_HOUSEHOLDS = "household.view"  # see household registers and members
    MANAGE_HOUSEHOLDS = "household.manage"  # create and edit households and residents
    MANAGE_ROLES = "role.manage"  # grant and revoke roles within the subtree
    VIEW_AUDIT = "audit.view"  # read the audit log of objects in the subtree
    MANAGE_RULES = "rule.manage"  # override rulebook values for a province
    MANAGE_CALENDAR = "calendar.manage"  # edit holidays (national)
    VIEW_PLANS = "plan.view"  # read a unit's plans, items and directives
    MANAGE_PLANS = "plan.manage"  # import, correct and issue plans of a unit
    VIEW_REPORTS = "report.view"  # read report regimes, a unit's reports and roll-ups
    SUBMIT_REPORTS = "report.submit"  # fill in and send a unit's periodic report
    MANAGE_REPORTS = "report.manage"  # set report regimes; return, approve, unlock the reports received
    VIEW_DISCLOSURES = "disclosure.view"  # read a unit's disclosures incl. drafts, proofs, compliance
    MANAGE_DISCLOSURES = "disclosure.manage"  # draft, publish, withdraw a unit's disclosures
    RECORD_DISCLOSURE_PROOF = "disclosure.proof"  # record proof of posting: only within the unit itself
    MANAGE_DISCLOSURE_CATALOGUE = "disclosure.catalogue"  # correct the unverified catalogue items (national)


class Policy(Protocol):
    def allowed(self, actor: Any, perm: Perm, target: Any) -> bool: ...


@cache
def _policy() -> Policy:
    policy: Policy = import_string(settings.DANCHU_PERMISSION_POLICY)()
    return policy


def allowed(actor: Any, perm: Perm, target: Any) -> bool:
    return _policy().allowed(actor, perm, target)


def require(actor: Any, perm: Perm, target: Any) -> None:
    """Raise PermissionDeniedError unless `actor` may do `perm` on `target`."""
    if not allowed(actor, perm, target):
        raise PermissionDeniedError()
