"""Who acts (người thực hiện): the typed face of a user for layers below `accounts`.

Services and policies take an `Actor`, never `Any`: a logged-in user, an anonymous visitor, or `None`
for the system itself (the daily job). Layers above `accounts` may ask for its concrete `User`.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Actor(Protocol):
    """What the permission policy and the audit log need to know of whoever acts."""

    @property
    def pk(self) -> Any: ...

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_active(self) -> bool: ...

    def get_username(self) -> str: ...
