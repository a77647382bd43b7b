from django.urls import path

from . import accounts, core, plans, units
from .base import api

api.add_router("", units.router)
api.add_router("", accounts.router)
api.add_router("", core.router)
api.add_router("", plans.router)

urlpatterns = [path("", api.urls)]
