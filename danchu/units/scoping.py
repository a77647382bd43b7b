"""What the permission policy needs of a record that belongs to a unit (thuộc đơn vị nào).

Records of apps above `units` (a plan, a report, a disclosure…) say which unit they belong to by
`policy_unit`; a document addressed downwards says so by `readable_below`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from .models import Unit


@runtime_checkable
class UnitScoped(Protocol):
    """A record whose permissions follow the unit it belongs to."""

    @property
    def policy_unit(self) -> Unit: ...


@runtime_checkable
class ReadableBelow(Protocol):
    """A document the units beneath its issuer read too (a plan, a report regime), when it says so."""

    @property
    def readable_below(self) -> bool: ...
