from importlib import import_module

from django.urls import path

from danchu.core import registry

from . import accounts, core, units
from .base import api

api.add_router("", units.router)
api.add_router("", accounts.router)
api.add_router("", core.router)
for app in registry.domain_apps():  # each domain app names its API module in its registry
    if app.api:
        api.add_router("", import_module(app.api).router)

urlpatterns = [path("", api.urls)]
