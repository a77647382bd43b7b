from django.urls import path

from . import accounts, core, disclosures, plans, reports, units
from .base import api

api.add_router("", units.router)
api.add_router("", accounts.router)
api.add_router("", core.router)
api.add_router("", plans.router)
api.add_router("", reports.router)
api.add_router("", disclosures.router)

urlpatterns = [path("", api.urls)]
