"""A real Elasticsearch, whatever SEARCH_BACKEND says: the one `make elasticsearch` starts (ELASTICSEARCH_URL,
default http://127.0.0.1:9200), in indexes of its own. Skipped where none answers (no Java on this machine)."""

import io
import os
import socket
import threading
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from meritopedia.models import Clause
from search import analysis
from tests.conftest import elasticsearch_reachable

pytestmark = pytest.mark.django_db

PREFIX = "meritopedia_pytest_"


def _backends():
    return {
        "default": {
            "BACKEND": "search.backends.elasticsearch9",
            "URLS": [os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")],
            "INDEX_PREFIX": PREFIX,
            "TIMEOUT": 10,
        },
        "database": {"BACKEND": "search.backends.database"},
    }


@pytest.fixture(scope="module")
def elasticsearch(django_db_setup, django_db_blocker):
    pytest.importorskip("elasticsearch")
    with override_settings(WAGTAILSEARCH_BACKENDS=_backends()):
        from wagtail.search.backends import get_search_backend

        backend = get_search_backend()
        if not elasticsearch_reachable(backend.es):
            pytest.skip("Elasticsearch tidak terjangkau (jalankan `make elasticsearch`; perlu Java 21+)")
        with django_db_blocker.unblock():
            call_command("search_reindex", backend_name="default", stdout=io.StringIO())
        backend.refresh_indexes()
        yield backend
        for name in backend.es.indices.get(index=f"{PREFIX}*"):  # by name: wildcard deletes are refused
            backend.es.indices.delete(index=name)


def test_index_settings_carry_the_indonesian_analyzer_and_glossary_synonyms():
    """What a full Elasticsearch gets (no cluster needed to check the settings themselves)."""
    from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend

    from search.backends.elasticsearch9 import index_settings

    settings = index_settings(Elasticsearch9SearchBackend.settings, full_analysis=True)["settings"]["analysis"]
    assert settings["analyzer"]["default"] == {"type": "indonesian"}
    assert "glossary_synonyms" in settings["analyzer"]["default_search"]["filter"]
    rules = settings["filter"]["glossary_synonyms"]["synonyms"]
    assert any(rule.startswith("skj, ") or ", skj" in rule for rule in rules), rules[:5]
    assert any("kompetensi" in rule and "skj" in rule for rule in rules)
    core = index_settings(Elasticsearch9SearchBackend.settings, full_analysis=False)["settings"]["analysis"]
    assert set(core) == {"analyzer"} and "edgengram_analyzer" in core["analyzer"]


def test_the_index_holds_stems_and_the_analysis_the_cluster_supports(elasticsearch):
    index = elasticsearch.get_index_for_model(Clause)
    (index_settings,) = elasticsearch.es.indices.get_settings(index=index.name).values()
    analysis = index_settings["settings"]["index"]["analysis"]
    expected = {"type": "indonesian"} if elasticsearch.has_full_analysis() else None
    assert (analysis["analyzer"]["default"] == expected) if expected else ("default" in analysis["analyzer"])
    found = elasticsearch.es.search(index=index.name, query={"match": {"_all_text": "nilai"}}, size=1)
    assert found["hits"]["total"]["value"] > 0  # "penilaian" was indexed as its root


def test_search_and_autocomplete_through_elasticsearch(client, elasticsearch):
    with override_settings(WAGTAILSEARCH_BACKENDS=_backends()):
        data = client.get(reverse("api_search"), {"q": "menilai kinerja pegawai secara objektif"}).json()
        assert data["fallback"] is False
        assert any(r["indicator"] == "13.b" for r in data["results"][:3])
        assert client.get(reverse("api_search"), {"q": "SKJ"}).json()["results"][0]["indicator"] in ("11.3.a", "11.3.b")
        suggestions = client.get(reverse("api_search_autocomplete"), {"q": "standar komp"}).json()["results"]
        titles = [suggestion["title"] for suggestion in suggestions]
        assert any("Standar Kompetensi Jabatan" in title for title in titles), titles


class _Link:
    """The network between the portal and a real Elasticsearch: a TCP forwarder on a port of its own that can be
    cut (the listening socket and every open connection closed, as when the engine's machine goes away) and
    restored on the same port."""

    def __init__(self, target: str):
        url = urlsplit(target)
        self.target = (url.hostname, url.port or 9200)
        self.port = None
        self.connections: list[socket.socket] = []
        self.listener = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def up(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port or 0))
        self.port = self.listener.getsockname()[1]
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self):
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accepting thread; a bare close() leaves it listening
        self.listener.close()
        for connection in self.connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            connection.close()
        self.connections.clear()

    def _accept(self, listener):
        while True:
            try:
                inbound, _ = listener.accept()
            except OSError:
                return
            outbound = socket.create_connection(self.target)
            self.connections += [inbound, outbound]
            for source, sink in ((inbound, outbound), (outbound, inbound)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def test_elasticsearch_lost_while_the_portal_runs_falls_back_and_comes_back(client, elasticsearch):
    """The engine goes away under a running process (its connections are pooled, `_shared_client`): searches fall
    back to the database index and say so, and use Elasticsearch again once it answers, with no restart."""
    link = _Link(os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200"))
    link.up()
    backends = _backends()
    backends["default"]["URLS"] = [link.url]
    question = {"q": "menilai kinerja pegawai secara objektif"}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        before = client.get(reverse("api_search"), question).json()
        assert before["fallback"] is False and before["count"] > 0

        link.cut()
        during = client.get(reverse("api_search"), question).json()
        assert during["fallback"] is True
        assert any(r["indicator"] == "13.b" for r in during["results"][:3])
        page = client.get(reverse("search"), question)
        assert page.status_code == 200 and "search-fallback" in page.content.decode()

        link.up()
        after = client.get(reverse("api_search"), question).json()
        assert after["fallback"] is False
        assert [r["url"] for r in after["results"]] == [r["url"] for r in before["results"]]
    link.cut()


def _requests(es) -> Counter:
    """How many requests of each REST action the cluster has served (its own usage telemetry)."""
    served = Counter()
    for node in es.nodes.usage(metric="rest_actions")["nodes"].values():
        served.update(node["rest_actions"])
    del served["nodes_usage_action"]  # these very questions
    return served


def test_a_visitor_search_is_one_request_to_elasticsearch(client, elasticsearch):
    """Every source (pages, clauses, glossary, ...) in one `_msearch`: no search, scroll or clear of its own (a
    scroll for each curated source made nine round trips of it). And the slices hold what a search of their own
    gives: the curated sources read whole, up to 301 matches."""
    from search.hits import sources

    before = _requests(elasticsearch.es)
    with override_settings(WAGTAILSEARCH_BACKENDS=_backends()):
        data = client.get(reverse("api_search"), {"q": "penilaian kinerja pegawai"}).json()
    served = _requests(elasticsearch.es) - before
    assert data["count"] > 0 and data["fallback"] is False
    assert served == Counter({"msearch_action": 1}), served

    clauses = dict(sources())[Clause]
    words = "instansi pegawai kerja jabatan nilai"
    together = elasticsearch.search(words, clauses.order_by(), operator="or", order_by_relevance=False)[:301]
    elasticsearch.search_together([together])
    alone = list(elasticsearch.search(words, clauses.order_by(), operator="or", order_by_relevance=False)[:301])
    assert 100 < len(alone) == len({clause.pk for clause in alone})
    assert sorted(clause.pk for clause in together) == sorted(clause.pk for clause in alone)
    index = elasticsearch.get_index_for_model(Clause).name
    matching = elasticsearch.es.count(index=index, query={"match": {"_all_text": analysis.index_text(words)}})
    assert len(alone) == min(matching["count"], 301)
    assert _requests(elasticsearch.es) - before == Counter({"msearch_action": 2, "search_action": 1, "count_action": 1})
