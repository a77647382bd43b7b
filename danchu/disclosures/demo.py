from typing import Any


def seed(admin: Any) -> None:
    return None
