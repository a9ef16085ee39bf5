"""Open data: the API v2 exposes pages with the partner fields, and the partner listing downloads as CSV."""

import csv
import io

import pytest

from hub.core.csv_export import safe_cell
from hub.partners.models import PartnerPage

pytestmark = pytest.mark.django_db


def test_api_lists_pages_images_and_documents(client, content):
    for endpoint in ("pages", "images", "documents"):
        response = client.get(f"/api/v2/{endpoint}/")
        assert response.status_code == 200, endpoint
        assert "items" in response.json()


def test_api_exposes_the_partner_fields(client, content):
    partner = PartnerPage.objects.get(locale__language_code="fi", slug="stea")
    data = client.get(f"/api/v2/pages/{partner.pk}/").json()
    assert data["partner_type"] == {"slug": "rahoittajat", "name": "Rahoittajat"}
    assert data["nationwide"] is True and data["is_example"] is False
    assert data["phase_numbers"] == [2]
    assert data["website"] == "https://www.stea.fi/"


def test_api_filters_partners_by_type_and_language(client, content):
    response = client.get("/api/v2/pages/", {"type": "partners.PartnerPage", "locale": "sv", "fields": "partner_type"})
    items = response.json()["items"]
    assert len(items) == PartnerPage.objects.filter(locale__language_code="sv").count()
    assert all(item["meta"]["locale"] == "sv" for item in items)


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_partner_csv_honours_the_current_filters(client, content):
    everything = read_csv(client.get("/fi/yhteistyokumppanit/csv/"))
    assert len(everything) == PartnerPage.objects.filter(locale__language_code="fi").count()
    funders = read_csv(client.get("/fi/yhteistyokumppanit/csv/", {"type": "rahoittajat"}))
    assert sorted(row["title"] for row in funders) == ["Leader-ryhmät", "STEA"]
    assert all(row["partner_type"] == "Rahoittajat" for row in funders)
    assert funders[0]["url"].startswith("http://testserver/fi/yhteistyokumppanit/")


def test_partner_csv_ignores_bad_filters(client, content):
    rows = read_csv(client.get("/fi/yhteistyokumppanit/csv/", {"type": "<script>", "phase": "x"}))
    assert len(rows) == PartnerPage.objects.filter(locale__language_code="fi").count()


def test_directory_links_the_csv_of_what_is_shown(client, content):
    html = client.get("/fi/yhteistyokumppanit/", {"type": "rahoittajat"}).content.decode()
    assert 'href="/fi/yhteistyokumppanit/csv/?type=rahoittajat"' in html


@pytest.mark.parametrize("value", ["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)"])
def test_csv_cells_never_start_a_formula(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("Kylä") == "Kylä"


def test_api_exposes_a_phase_with_its_structured_guidance(client, content):
    from handbook.models import PhasePage

    phase = PhasePage.objects.get(locale__language_code="en", number=8)
    data = client.get(f"/api/v2/pages/{phase.pk}/").json()
    assert data["number"] == 8 and data["title"] == phase.title
    assert {metric["value"]["perspective"] for metric in data["metrics"]} == {"individual", "community", "economy"}
    assert all(set(task["value"]) == {"actor", "title", "description"} for task in data["tasks"])
    assert data["partner_types"] and all(set(term) == {"slug", "name"} for term in data["partner_types"])
