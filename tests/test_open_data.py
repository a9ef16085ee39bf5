"""Open data: the API v2 exposes pages with the partner fields, and the partner listing downloads as CSV."""

import csv
import io

import pytest

from hub.cases.models import CaseStudyPage
from hub.core.csv_export import safe_cell
from hub.partners.models import PartnerPage
from hub.resources.models import ResourcePage

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


def test_api_exposes_the_case_study_fields(client, content):
    case = CaseStudyPage.objects.get(locale__language_code="fi", slug="esimerkki-havulahti-polttopuut")
    data = client.get(f"/api/v2/pages/{case.pk}/").json()
    assert data["is_example"] is True and data["status"] == "running"
    assert data["region"] == {"slug": "pohjois-karjala", "name": "Pohjois-Karjala"}
    assert {"slug": "polttopuut", "name": "Polttopuut"} in data["services"]
    assert data["phase_numbers"] == case.phase_numbers
    indicator = data["indicators"][0]
    assert indicator["type"] == "indicator"
    assert set(indicator["value"]) == {"perspective", "indicator", "value", "unit", "period", "source", "source_url"}


def test_api_exposes_the_template_fields(client, content):
    resource = ResourcePage.objects.get(locale__language_code="fi", slug="kylakysely")
    data = client.get(f"/api/v2/pages/{resource.pk}/").json()
    assert data["format"] == "document" and data["language"] == "fi" and data["licence"] == "CC BY 4.0"
    assert data["phase_numbers"] == [4]
    document_ids = [block["value"] for block in data["files"]]
    for document_id in document_ids:
        assert client.get(f"/api/v2/documents/{document_id}/").status_code == 200


def test_case_csv_honours_the_current_filters(client, content):
    index_url = CaseStudyPage.objects.filter(locale__language_code="fi").first().get_parent().url
    everything = read_csv(client.get(index_url + "csv/"))
    assert len(everything) == CaseStudyPage.objects.filter(locale__language_code="fi").count()
    lapland = read_csv(client.get(index_url + "csv/", {"region": "lappi", "service": "lumityot"}))
    assert [row["region"] for row in lapland] == ["Lappi"]
    assert "Lumityöt" in lapland[0]["services"] and lapland[0]["example"] == "yes"
    assert lapland[0]["url"].startswith("http://testserver" + index_url)
    assert read_csv(client.get(index_url + "csv/", {"status": "nonsense"})) == everything
    html = client.get(index_url, {"region": "lappi"}).content.decode()
    assert f'href="{index_url}csv/?region=lappi"' in html
