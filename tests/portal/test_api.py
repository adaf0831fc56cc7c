"""The read API (Wagtail API v2) exposes articles, indicators and regulations; drafts stay out."""

import pytest

from tests.meritopedia.test_articles import make_article

pytestmark = pytest.mark.django_db


def test_indicators_are_listed_with_their_clause(client):
    data = client.get(
        "/api/v2/pages/", {"type": "meritopedia.IndicatorPage", "fields": "code,citation,clause_anchor", "limit": 50}
    ).json()
    assert data["meta"]["total_count"] == 46
    talent_pool = next(item for item in data["items"] if item["code"] == "11.6.c")
    assert talent_pool["citation"] == "Pasal 11 ayat (6) huruf c PermenPANRB Nomor 40 Tahun 2018"
    assert talent_pool["clause_anchor"] == "pasal-11-ayat-6-huruf-c"


def test_regulations_carry_their_metadata(client):
    data = client.get(
        "/api/v2/pages/", {"type": "meritopedia.RegulationPage", "fields": "nomor,tahun,status,judul", "tahun": 2018}
    ).json()
    assert [(r["nomor"], r["status"]) for r in data["items"]] == [("40", "berlaku")]


def test_articles_are_exposed_and_drafts_are_not(client):
    make_article("Artikel untuk API", codes=("13.d",))
    draft = make_article("Artikel draf")
    draft.unpublish()
    data = client.get(
        "/api/v2/pages/", {"type": "meritopedia.ArticlePage", "fields": "indicator_codes,author_names"}
    ).json()
    assert [(a["title"], a["indicator_codes"]) for a in data["items"]] == [("Artikel untuk API", ["13.d"])]
    assert data["items"][0]["author_names"] == ["Tim Sistem Merit KASN"]


def test_bad_api_parameters_are_a_clear_400_not_a_500(client):
    response = client.get("/api/v2/pages/", {"type": "tidak.Ada"})
    assert response.status_code == 400 and "message" in response.json()
    assert client.get("/api/v2/pages/", {"limit": "abc"}).status_code == 400
