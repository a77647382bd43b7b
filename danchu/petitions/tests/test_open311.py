"""Open311 GeoReport v2 as a client sees it: both formats parsed by real parsers (lxml, json), the spec's
errors and codes, defaults and filters, and what FixMyStreet's client (perllib/Open311.pm) sends and reads."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from django.core.management import call_command
from lxml import etree

from danchu.petitions.models import ApiKey, Petition
from danchu.petitions.services import keys, petitions

from .conftest import at, jpeg, report

pytestmark = pytest.mark.django_db
BASE = "/open311/v2/"


@pytest.fixture
def key(tree: Any) -> str:
    return keys.issue_key(actor=None, name="FixMyStreet", unit=tree.commune)[1]


def xml(response: Any) -> Any:
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return etree.fromstring(response.content)


def fms_post(tree: Any, key: str, **extra: str) -> dict[str, str]:
    """The parameters FixMyStreet's send_service_request posts (lat/long, names, description, attributes)."""
    return {
        "jurisdiction_id": tree.commune.code,
        "api_key": key,
        "service_code": "street_light",
        "lat": "15.120100",
        "long": "108.792300",
        "email": "an@example.test",
        "first_name": "An",
        "last_name": "Nguyễn Văn",
        "phone": "0901234567",
        "description": "title: Đèn hỏng\n\ndetail: Cột đèn số 7 tắt.\n\nurl: https://fms.example/r/1\n\n"
        "Submitted via FixMyStreet",
        "attribute[pole]": "C-07",
        **extra,
    }


def test_discovery_in_both_formats(client: Any) -> None:
    root = xml(client.get(BASE + "discovery.xml"))
    assert (
        root.tag == "discovery"
        and root.findtext("endpoints/endpoint/specification") == "http://wiki.open311.org/GeoReport_v2"
    )
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == [
        "text/xml",
        "application/json",
    ]
    data = client.get(BASE + "discovery.json").json()
    assert data["endpoints"][0]["type"] == "production" and data["contact"] and data["key_service"]
    assert data["changeset"].endswith("+07:00")


def test_services_need_a_known_jurisdiction(client: Any, tree: Any, light: Any) -> None:
    missing = client.get(BASE + "services.xml")
    assert missing.status_code == 400 and xml(missing).tag == "errors"
    assert xml(missing).findtext("error/code") == "400"
    empty = client.get(BASE + "services.json", {"jurisdiction_id": ""})
    assert empty.status_code == 400 and empty.json()[0]["code"] == 400
    unknown = client.get(BASE + "services.json", {"jurisdiction_id": "99999"})
    assert unknown.status_code == 404 and unknown.json()[0]["code"] == 404
    found = client.get(BASE + "services.json", {"jurisdiction_id": tree.commune.code}).json()
    assert found == [
        {
            "service_code": "street_light",
            "service_name": "Đèn chiếu sáng hỏng",
            "description": "Đèn chiếu sáng hỏng",
            "metadata": True,
            "type": "realtime",
            "keywords": "",
            "group": "",
        }
    ]
    answer = client.get(BASE + "services.xml", {"jurisdiction_id": tree.commune.code}).content
    root = ET.fromstring(answer)  # noqa: S314 - our own answer, in a test
    assert root.find("service/metadata").text == "true"  # type: ignore[union-attr]


def test_service_definition(client: Any, tree: Any, light: Any) -> None:
    root = xml(client.get(BASE + "services/street_light.xml", {"jurisdiction_id": tree.commune.code}))
    assert root.tag == "service_definition" and root.findtext("attributes/attribute/code") == "pole"
    assert (
        root.findtext("attributes/attribute/variable") == "true"
        and root.findtext("attributes/attribute/order") == "1"
    )
    assert client.get(BASE + "services/nope.json", {"jurisdiction_id": tree.commune.code}).status_code == 404


def test_fixmystreet_posts_a_request_and_reads_the_id(client: Any, tree: Any, light: Any, key: str) -> None:
    with at(2026, 3, 2):
        response = client.post(BASE + "requests.xml", fms_post(tree, key))
    assert response.status_code == 200, response.content
    root = xml(response)
    assert root.tag == "service_requests"
    petition = Petition.objects.get(pk=int(root.findtext("request/service_request_id")))
    assert root.find("request/token") is None  # service_request_id XOR token
    assert petition.letter.channel == "open311" and petition.attributes["pole"] == "C-07"
    assert petition.letter.sender.email == "an@example.test" and str(petition.lat) == "15.120100"
    assert petition.letter.tracking_code in root.findtext("request/service_notice")
    token = client.get(
        BASE + f"tokens/{petition.letter.tracking_code}.xml", {"jurisdiction_id": tree.commune.code}
    )
    assert xml(token).findtext("request/service_request_id") == str(petition.pk)


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"api_key": ""}, 403),
        ({"api_key": "sai"}, 403),
        ({"lat": "", "long": ""}, 400),
        ({"description": "x" * 4001}, 400),
        ({"service_code": ""}, 400),
        ({"service_code": "nope"}, 404),
        ({"jurisdiction_id": ""}, 400),
        ({"lat": "200"}, 400),
    ],
)
def test_bad_posts_get_the_spec_error_and_save_nothing(
    client: Any, tree: Any, light: Any, key: str, change: dict[str, str], status: int
) -> None:
    with at(2026, 3, 2):
        response = client.post(BASE + "requests.json", fms_post(tree, key, **change))
    assert response.status_code == status
    body = response.json()
    assert isinstance(body, list) and body[0]["code"] == status and body[0]["description"]
    assert not Petition.objects.exists()


def test_an_address_string_is_enough(client: Any, tree: Any, light: Any, key: str) -> None:
    with at(2026, 3, 2):
        response = client.post(
            BASE + "requests.json", fms_post(tree, key, lat="", long="", address_string="7 Trần Hưng Đạo")
        )
    assert response.status_code == 200 and Petition.objects.get().address == "7 Trần Hưng Đạo"


def test_a_key_of_another_commune_is_refused(client: Any, tree: Any, light: Any) -> None:
    other = keys.issue_key(actor=None, name="X", unit=tree.sibling)[1]
    with at(2026, 3, 2):
        assert client.post(BASE + "requests.xml", fms_post(tree, other)).status_code == 403


def test_get_requests_defaults_filters_and_override(
    client: Any, tree: Any, light: Any, personas: Any
) -> None:
    with at(2025, 10, 1):
        old = report(tree.commune, light, device="cu")
    with at(2026, 3, 2):
        new = report(tree.commune, light, device="moi")
        closed = report(tree.commune, light, device="dong", text="Trùng.")
        petitions.close(
            actor=personas["commune_official"], petition=closed, status="not_ours", answer="Điện lực."
        )
    j = {"jurisdiction_id": tree.commune.code}
    with at(2026, 3, 3):
        default = client.get(BASE + "requests.json", j).json()
        assert {r["service_request_id"] for r in default} == {new.pk, closed.pk}  # last 90 days
        empty = client.get(
            BASE + "requests.json", {**j, "status": "", "service_code": "", "start_date": ""}
        ).json()
        assert empty == default  # empty optional parameters are absent
        only_open = client.get(BASE + "requests.json", {**j, "status": "open"}).json()
        assert [r["service_request_id"] for r in only_open] == [new.pk]
        by_id = client.get(
            BASE + "requests.json", {**j, "service_request_id": f"{old.pk},{new.pk}", "status": "closed"}
        ).json()
        assert {r["service_request_id"] for r in by_id} == {old.pk, new.pk}  # overrides every other filter
        ranged = client.get(
            BASE + "requests.json",
            {**j, "start_date": "2025-09-01T00:00:00+07:00", "end_date": "2025-10-30T00:00:00Z"},
        ).json()
        assert [r["service_request_id"] for r in ranged] == [old.pk]
        assert (
            client.get(
                BASE + "requests.json",
                {**j, "start_date": "2025-01-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
            ).status_code
            == 400
        )
        assert client.get(BASE + "requests.json", {**j, "start_date": "hôm qua"}).status_code == 400
        assert client.get(BASE + "requests.json", {**j, "status": "done"}).status_code == 400
        root = xml(client.get(BASE + "requests.xml", j))
    row = next(r for r in root.findall("request") if r.findtext("service_request_id") == str(closed.pk))
    assert row.findtext("status") == "closed" and row.findtext("status_notes") == "Điện lực."
    assert row.findtext("updated_datetime").endswith("+07:00") and row.findtext(
        "requested_datetime"
    ).startswith("2026-03-02T09:00:00")
    assert row.findtext("extended_attributes/external_status_code") == "NOT_COUNCILS_RESPONSIBILITY"
    assert "Nguyễn Văn An" not in root.findtext("request/description") + etree.tostring(root).decode()


def test_one_request_and_updates(client: Any, tree: Any, light: Any, personas: Any) -> None:
    with at(2026, 3, 2):
        petition = report(tree.commune, light)
        petitions.route(actor=personas["commune_official"], petition=petition)
    j = {"jurisdiction_id": tree.commune.code}
    with at(2026, 3, 3):
        one = client.get(BASE + f"requests/{petition.pk}.json", j).json()
        assert (
            len(one) == 1
            and one[0]["status"] == "open"
            and one[0]["expected_datetime"] == "2026-03-09T17:00:00+07:00"
        )
        assert client.get(BASE + f"requests/{petition.pk}.json").status_code == 400
        assert client.get(BASE + "requests/999999999.json", j).status_code == 404
        assert (
            client.get(
                BASE + f"requests/{petition.pk}.json", {"jurisdiction_id": tree.sibling.code}
            ).status_code
            == 404
        )
        root = xml(client.get(BASE + "servicerequestupdates.xml", j))
    assert root.tag == "service_requests_updates"
    assert [u.findtext("external_status_code") for u in root.findall("request_update")] == [
        "OPEN",
        "ACTION_SCHEDULED",
    ]


def test_the_key_command_prints_a_key_and_stores_its_hash(tree: Any) -> None:
    out = StringIO()
    call_command("open311_key", "Ứng dụng phường", "--unit", tree.commune.code, stdout=out)
    printed = out.getvalue().strip()
    row = ApiKey.objects.get()
    assert len(printed) >= 40 and row.digest == keys.digest(printed) and printed not in row.digest
    assert keys.key_unit(printed) == tree.commune.pk


def test_photos_are_linked_as_media(client: Any, tree: Any, light: Any) -> None:
    with at(2026, 3, 2):
        petition = report(tree.commune, light)
        row = client.get(
            BASE + f"requests/{petition.pk}.json", {"jurisdiction_id": tree.commune.code}
        ).json()[0]
    assert row["media_url"].startswith("http://testserver/phan-anh/anh/")
    assert json.dumps(row) and dt.datetime.fromisoformat(row["requested_datetime"]).tzinfo is not None
    assert jpeg()


def test_a_cached_answer_changes_with_the_commune(client: Any, tree: Any, light: Any, personas: Any) -> None:
    j = {"jurisdiction_id": tree.commune.code}
    with at(2026, 3, 2):
        petition = report(tree.commune, light)
        first = client.get(BASE + "requests.json", j).json()
        assert client.get(BASE + "requests.json", j).json() == first
        petitions.close(
            actor=personas["commune_official"], petition=petition, status="not_ours", answer="Điện lực."
        )
        assert client.get(BASE + "requests.json", j).json()[0]["status"] == "closed"


def _dissolved_twin(tree: Any) -> Any:
    """A commune merged away in 2025 whose official code the commune in force reuses (made later, so
    its id is the higher one)."""
    from danchu.units.models import Generation, Tier, Unit, UnitKind

    old = Unit.objects.create(
        name="Xã Chánh Lộ (cũ)",
        name_key="xa chanh lo cu",
        kind=UnitKind.COMMUNE,
        tier=Tier.COMMUNE,
        generation=Generation.LEGACY,
        code=tree.commune.code,
        parent=tree.province,
        valid_to=dt.date(2025, 6, 30),
        path="",
    )
    old.path = f"{tree.province.path}{old.pk}/"
    old.save(update_fields=["path"])
    return old


def test_jurisdiction_is_the_commune_in_force(client: Any, tree: Any, light: Any, key: str) -> None:
    old = _dissolved_twin(tree)
    assert old.pk > tree.commune.pk
    found = client.get(BASE + "services.json", {"jurisdiction_id": tree.commune.code})
    assert [s["service_code"] for s in found.json()] == ["street_light"]
    posted = client.post(BASE + "requests.json", fms_post(tree, key))
    assert posted.status_code == 200, posted.content
    assert Petition.objects.get().unit_id == tree.commune.pk
    # a key of the dissolved unit (or its code alone) never files into it
    with pytest.raises(Exception, match="hiệu lực"):
        keys.issue_key(actor=None, name="Cũ", unit=old)
    assert not Petition.objects.filter(unit=old).exists()


def test_key_command_picks_the_commune_in_force(tree: Any) -> None:
    _dissolved_twin(tree)
    out = StringIO()
    call_command("open311_key", "Ứng dụng", "--unit", tree.commune.code, stdout=out)
    assert keys.key_unit(out.getvalue().strip()) == tree.commune.pk


@pytest.mark.parametrize("param", ["start_date", "end_date"])
@pytest.mark.parametrize("value", ["9999-12-31T00:00:00", "0001-01-01T00:00:00"])
def test_dates_out_of_range_answer_400(client: Any, tree: Any, param: str, value: str) -> None:
    query = {"jurisdiction_id": tree.commune.code, param: value}
    answer = client.get(BASE + "requests.json", query)
    assert answer.status_code == 400 and answer.json()[0]["code"] == 400
    answer = client.get(BASE + "requests.xml", query)
    assert answer.status_code == 400 and xml(answer).findtext("error/code") == "400"
    answer = client.get(BASE + "servicerequestupdates.json", query)
    assert answer.status_code in (400, 404)


def test_anonymous_identical_posts_are_not_folded(client: Any, tree: Any, light: Any, key: str) -> None:
    bare = {
        "jurisdiction_id": tree.commune.code,
        "api_key": key,
        "service_code": "street_light",
        "address_string": "12 Lê Lợi",
        "description": "Đèn hỏng.",
    }
    first = client.post(BASE + "requests.json", bare).json()[0]
    second = client.post(BASE + "requests.json", bare).json()[0]
    assert first["service_request_id"] != second["service_request_id"]
    assert first["service_notice"] != second["service_notice"]  # each its own tracking code
    device = {**bare, "device_id": "dt-1"}
    assert (
        client.post(BASE + "requests.json", device).json()[0]["service_request_id"]
        == client.post(BASE + "requests.json", device).json()[0]["service_request_id"]
    )
