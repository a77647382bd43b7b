"""Where the current request comes from, for audit entries written deep inside services."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestOrigin:
    ip: str | None = None
    user_agent: str = ""
    channel: str = "web"


_SYSTEM = RequestOrigin(channel="system")
_origin: ContextVar[RequestOrigin] = ContextVar("request_origin", default=_SYSTEM)


def current_origin() -> RequestOrigin:
    return _origin.get()


def set_origin(origin: RequestOrigin) -> object:
    return _origin.set(origin)


def reset_origin(token: object) -> None:
    _origin.reset(token)  # type: ignore[arg-type]
