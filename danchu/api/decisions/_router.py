"""The one router of the decisions API, shared by its modules."""

from ninja import Router

router = Router(tags=["decisions"])
