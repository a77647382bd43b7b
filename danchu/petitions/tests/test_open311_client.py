"""A third-party GeoReport v2 client talks to the server over real HTTP, in both formats.

The client is the `georeport` package from PyPI (a Python wrapper of the Open311 GeoReport v2 API, not
written for danchu): it reads services, a service definition, the request list and one request, parsing
JSON with `requests` and XML with `xmltodict`. It does not post, so a request is first posted the way
FixMyStreet's client does (its parameters, through `requests`, over the same socket)."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from georeport import GeoReport

from danchu.petitions.models import Petition
from danchu.petitions.services import keys

from .test_open311 import fms_post

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def posted(live_server: Any, tree: Any, light: Any) -> Petition:
    key = keys.issue_key(actor=None, name="FixMyStreet", unit=tree.commune)[1]
    url = f"{live_server.url}/open311/v2/requests.json"
    answer = requests.post(url, data=fms_post(tree, key), timeout=30)
    assert answer.status_code == 200, answer.text
    return Petition.objects.get(pk=int(answer.json()[0]["service_request_id"]))


@pytest.mark.parametrize("output_format", ["json", "xml"])
def test_the_georeport_client_reads_everything_in_both_formats(
    live_server: Any, tree: Any, posted: Petition, output_format: str
) -> None:
    client = GeoReport(
        f"{live_server.url}/open311/v2", jurisdiction=tree.commune.code, output_format=output_format
    )
    services = client.get_service_list()
    service = services[0] if isinstance(services, list) else services  # xmltodict: one element is a dict
    assert service["service_code"] == "street_light" and service["service_name"] == "Đèn chiếu sáng hỏng"
    assert str(service["metadata"]).lower() == "true"

    definition = client.get_service_definition("street_light")
    attributes = definition["attributes"]
    attribute = attributes[0] if isinstance(attributes, list) else attributes["attribute"]
    assert attribute["code"] == "pole"

    listed = client.get_service_requests()
    request = listed[0] if isinstance(listed, list) else listed
    assert str(request["service_request_id"]) == str(posted.pk) and request["status"] == "open"
    assert request["requested_datetime"].endswith("+07:00")

    one = client.get_service_request(str(posted.pk))
    assert str(one["service_request_id"]) == str(posted.pk)
    assert one["service_code"] == "street_light" and float(one["lat"]) == pytest.approx(15.1201)

    if output_format == "json":  # the client cannot read an empty XML list (xmltodict gives None)
        assert client.get_service_requests(status="closed") == []


def test_the_client_hears_the_spec_errors(live_server: Any, tree: Any, light: Any) -> None:
    unknown = GeoReport(f"{live_server.url}/open311/v2", jurisdiction="khong-co", output_format="json")
    with pytest.raises(requests.HTTPError) as refused:
        unknown.get_service_list()
    assert refused.value.response.status_code == 404
    body = refused.value.response.json()
    assert body[0]["code"] == 404 and body[0]["description"]
