from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from danchu.core.policy import CorePerm
from danchu.units import selectors, services
from danchu.units.models import Agency, Household, Resident, Tier, Unit

from .base import AUTH, ERRORS, PUBLIC_ERRORS

router = Router(tags=["units"])

# Product choices: how many units one public answer lists (a province has some hundred communes; the
# cap only guards the server), and how many a name search returns.
MAX_CHILDREN = 5000
MAX_SEARCH_RESULTS = 100


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    tier: int
    generation: str
    code: str
    parent_id: int | None
    valid_from: str | None = Field(None)
    valid_to: str | None = Field(None)

    @staticmethod
    def resolve_valid_from(obj: Unit) -> str | None:
        return obj.valid_from.isoformat() if obj.valid_from else None

    @staticmethod
    def resolve_valid_to(obj: Unit) -> str | None:
        return obj.valid_to.isoformat() if obj.valid_to else None


class VillageIn(Schema):
    name: str
    kind: str = "thon"
    code: str = ""


class AgencyIn(Schema):
    name: str
    kind: str
    short_name: str = ""


class AgencyOut(Schema):
    id: int
    unit_id: int
    name: str
    short_name: str
    kind: str
    closed_on: str | None = None

    @staticmethod
    def resolve_closed_on(obj: Agency) -> str | None:
        return obj.closed_on.isoformat() if obj.closed_on else None


class HouseholdIn(Schema):
    number: str
    address: str = ""


class HouseholdOut(Schema):
    id: int
    village_id: int
    number: str
    address: str
    representative_id: int | None
    dissolved_on: str | None = None

    @staticmethod
    def resolve_dissolved_on(obj: Household) -> str | None:
        return obj.dissolved_on.isoformat() if obj.dissolved_on else None


class ResidentIn(Schema):
    full_name: str
    birth_year: int | None = None
    gender: str = ""
    relation_to_head: str = ""
    phone: str = ""
    is_representative: bool = False


class ResidentOut(Schema):
    id: int
    household_id: int
    full_name: str
    birth_year: int | None
    gender: str
    relation_to_head: str
    left_on: str | None = None

    @staticmethod
    def resolve_left_on(obj: Resident) -> str | None:
        return obj.left_on.isoformat() if obj.left_on else None


@router.get(
    "/units",
    response={200: list[UnitOut], **PUBLIC_ERRORS},
    summary="Tỉnh, hoặc đơn vị trực thuộc, hoặc tìm theo tên (công khai)",
)
def list_units(
    request: HttpRequest,
    parent: int | None = None,
    q: str = "",
    tier: int | None = None,
    generation: str = "current",
) -> list[Unit]:
    if q.strip():
        within = selectors.public_unit(parent) if parent else None
        return selectors.search_units(
            q, tier=tier, within=within, generation=generation, limit=MAX_SEARCH_RESULTS
        )
    if parent is None:
        return list(selectors.provinces(generation))
    # Villages are listed to officials only (their households are behind them).
    children = selectors.children(selectors.public_unit(parent)).filter(tier__lt=Tier.VILLAGE)
    return list(children[:MAX_CHILDREN])


@router.get("/units/{unit_id}", response={200: UnitOut, **PUBLIC_ERRORS}, summary="Một đơn vị (công khai)")
def get_unit(request: HttpRequest, unit_id: int) -> Unit:
    return selectors.public_unit(unit_id)


@router.get("/units/{unit_id}/villages", response={200: list[UnitOut], **ERRORS}, auth=AUTH)
def list_villages(request: HttpRequest, unit_id: int) -> list[Unit]:
    unit = selectors.access_unit(actor=request.user, unit_id=unit_id, perm=CorePerm.VIEW_UNIT)
    return list(selectors.villages_of(unit))


@router.post(
    "/units/{unit_id}/villages", response={201: UnitOut, **ERRORS}, auth=AUTH, summary="Thêm thôn, tổ dân phố"
)
def create_village(request: HttpRequest, unit_id: int, payload: VillageIn) -> Status[Unit]:
    unit = selectors.access_unit(actor=request.user, unit_id=unit_id, perm=CorePerm.MANAGE_UNIT)
    return Status(201, services.create_village(actor=request.user, commune=unit, **payload.dict()))


@router.get("/units/{unit_id}/agencies", response={200: list[AgencyOut], **ERRORS}, auth=AUTH)
def list_agencies(request: HttpRequest, unit_id: int) -> list[Agency]:
    unit = selectors.access_unit(actor=request.user, unit_id=unit_id, perm=CorePerm.VIEW_UNIT)
    return list(selectors.agencies_of(unit, include_closed=True))


@router.post(
    "/units/{unit_id}/agencies",
    response={201: AgencyOut, **ERRORS},
    auth=AUTH,
    summary="Thêm cơ quan, đơn vị",
)
def create_agency(request: HttpRequest, unit_id: int, payload: AgencyIn) -> Status[Agency]:
    unit = selectors.access_unit(actor=request.user, unit_id=unit_id, perm=CorePerm.MANAGE_UNIT)
    return Status(201, services.create_agency(actor=request.user, unit=unit, **payload.dict()))


@router.get("/villages/{unit_id}/households", response={200: list[HouseholdOut], **ERRORS}, auth=AUTH)
def list_households(request: HttpRequest, unit_id: int) -> list[Household]:
    village = selectors.access_unit(actor=request.user, unit_id=unit_id, perm=CorePerm.VIEW_HOUSEHOLDS)
    return list(selectors.households_of(village, include_dissolved=True))


@router.post(
    "/villages/{unit_id}/households",
    response={201: HouseholdOut, **ERRORS},
    auth=AUTH,
    summary="Thêm hộ gia đình",
)
def create_household(request: HttpRequest, unit_id: int, payload: HouseholdIn) -> Status[Household]:
    village = selectors.access_unit(actor=request.user, unit_id=unit_id, perm=CorePerm.MANAGE_HOUSEHOLDS)
    return Status(201, services.create_household(actor=request.user, village=village, **payload.dict()))


@router.get("/households/{household_id}", response={200: HouseholdOut, **ERRORS}, auth=AUTH)
def get_household(request: HttpRequest, household_id: int) -> Household:
    return selectors.access_household(
        actor=request.user, household_id=household_id, perm=CorePerm.VIEW_HOUSEHOLDS
    )


@router.get("/households/{household_id}/residents", response={200: list[ResidentOut], **ERRORS}, auth=AUTH)
def list_residents(request: HttpRequest, household_id: int) -> list[Resident]:
    household = selectors.access_household(
        actor=request.user, household_id=household_id, perm=CorePerm.VIEW_HOUSEHOLDS
    )
    return list(household.members.all())


@router.post(
    "/households/{household_id}/residents",
    response={201: ResidentOut, **ERRORS},
    auth=AUTH,
    summary="Thêm nhân khẩu",
)
def add_resident(request: HttpRequest, household_id: int, payload: ResidentIn) -> Status[Resident]:
    household = selectors.access_household(
        actor=request.user, household_id=household_id, perm=CorePerm.MANAGE_HOUSEHOLDS
    )
    return Status(201, services.add_resident(actor=request.user, household=household, **payload.dict()))
