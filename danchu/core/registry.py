"""How a domain app plugs into the house (đăng ký ứng dụng nghiệp vụ).

Each domain app (plans, reports, disclosures, decisions…) declares everything the house must know of
it in one module, `danchu/<app>/registry.py`, as `APP = DomainApp(...)`: its permissions and the roles
that receive them, its statistics for report pre-fill, its daily jobs, its demo data, its search
content, its portal sections, its pages and API router, and its notification kinds. `core` and
`accounts` read these declarations and name no domain app; the order of apps is `INSTALLED_APPS`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

from django.apps import apps

from .policy import Perm
from .rulebook_seed import SeedRule

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
else:
    StrOrPromise = str

# unit ids, period start, period end → {unit id: {statistic key: figure}}
StatisticsProvider = Callable[[list[int], dt.date, dt.date], dict[int, dict[str, int]]]
# today → counts by key (keys prefixed by the job itself)
DailyJob = Callable[[dt.date], dict[str, int]]
# the system administrator (accounts.User) → None, or extra lines for the printed logins as
# (name, what, where) tuples (an API key the demo made); adds the app's demo records once people exist
DemoSeeder = Callable[[Any], Sequence[tuple[str, str, str]] | None]


@dataclass(frozen=True)
class Statistics:
    """Figures the app offers reports to pre-fill (số liệu có sẵn): indicator sources "<key>.<figure>"."""

    provider: StatisticsProvider
    label: StrOrPromise  # where the figures come from, in words ("kế hoạch và nhiệm vụ trên hệ thống")


@dataclass(frozen=True)
class PortalSection:
    """A section of a commune's public page: a link to the app's public list for that commune."""

    title: StrOrPromise
    url_name: str  # reversed with the commune's id


@dataclass(frozen=True)
class CitizenLink:
    """A link on a household's own page (Hộ của tôi) to what the app offers it: its ballots, a form to
    send a petition, the consultations open in its commune."""

    title: StrOrPromise
    url_name: str
    per_commune: bool = False  # reversed with the id of the household's commune, else with no argument


@dataclass(frozen=True)
class UnitTab:
    """A tab on a unit's pages (the officials' view of a province, commune or village): the app's page for
    that unit, shown only to who may open it."""

    title: StrOrPromise
    url_name: str  # reversed with the unit's id
    perms: tuple[Perm, ...]  # any of them, asked of the unit: no tab leads to a refusal
    tiers: frozenset[int]  # the unit tiers it applies to (1 province, 2 district, 3 commune, 4 village)
    key: str  # what a page of the app passes as `tab` to mark the tab current


@dataclass(frozen=True)
class DomainApp:
    """A domain app's whole declaration (see the module docstring)."""

    label: str  # the Django app label, also the key of its statistics ("plans")
    title: StrOrPromise  # names and labels are marked for translation (gettext_lazy)
    permissions: Sequence[Perm] = ()
    grants: Mapping[str, frozenset[Perm]] = field(default_factory=dict)  # role code → permissions
    statistics: Statistics | None = None
    daily_jobs: Sequence[DailyJob] = ()
    demo: DemoSeeder | None = None
    search_kinds: Mapping[str, StrOrPromise] = field(default_factory=dict)  # search entry kind → label
    portal_sections: Sequence[PortalSection] = ()
    unit_tabs: Sequence[UnitTab] = ()
    citizen_links: Sequence[CitizenLink] = ()
    urls: tuple[str, str] | None = None  # (URL prefix, urlconf module): the officials' pages
    api: str | None = None  # dotted path of the module whose `router` serves /api/v1/
    notification_kinds: Mapping[str, StrOrPromise] = field(default_factory=dict)  # key prefix → label
    # The app's own national rules (keys prefixed by the app's domain, "petition.…"). Its data
    # migration puts them into the rulebook with `core.seeding.sync_rules`; listing them here lets the
    # house check that every shipped rule is seeded, cited and flagged.
    rules: Sequence[SeedRule] = ()


@cache
def domain_apps() -> tuple[DomainApp, ...]:
    """Every installed app's declaration, in `INSTALLED_APPS` order."""
    found: list[DomainApp] = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.registry"
        if config.name == __package__ or find_spec(module_name) is None:
            continue
        declaration = getattr(import_module(module_name), "APP", None)
        if not isinstance(declaration, DomainApp):
            raise TypeError(f"{module_name}.APP must be a DomainApp")
        found.append(declaration)
    return tuple(found)


def permissions() -> tuple[Perm, ...]:
    return tuple(perm for app in domain_apps() for perm in app.permissions)


def grants(role: str) -> frozenset[Perm]:
    """The permissions every domain app gives to `role`."""
    return frozenset(perm for app in domain_apps() for perm in app.grants.get(role, frozenset()))


def statistics() -> dict[str, Statistics]:
    return {app.label: app.statistics for app in domain_apps() if app.statistics is not None}


def daily_jobs() -> tuple[DailyJob, ...]:
    return tuple(job for app in domain_apps() for job in app.daily_jobs)


def demo_seeders() -> tuple[DemoSeeder, ...]:
    return tuple(app.demo for app in domain_apps() if app.demo is not None)


def portal_sections() -> tuple[PortalSection, ...]:
    return tuple(section for app in domain_apps() for section in app.portal_sections)


def unit_tabs() -> tuple[UnitTab, ...]:
    return tuple(tab for app in domain_apps() for tab in app.unit_tabs)


def citizen_links() -> tuple[CitizenLink, ...]:
    return tuple(link for app in domain_apps() for link in app.citizen_links)


def notification_kinds() -> dict[str, StrOrPromise]:
    return {kind: label for app in domain_apps() for kind, label in app.notification_kinds.items()}


def search_kinds() -> dict[str, StrOrPromise]:
    return {kind: label for app in domain_apps() for kind, label in app.search_kinds.items()}


def rules() -> tuple[SeedRule, ...]:
    return tuple(rule for app in domain_apps() for rule in app.rules)
