"""Fault step 2 of bench/faults.py, elasticsearch: the search engine unreachable.

SEARCH_BACKEND=elasticsearch pointing at a closed port; /cari/?q=talent must still answer from the database index,
with a notice. (Elasticsearch lost while a portal runs, and back, is a test on a real cluster:
tests/search/test_search_elasticsearch.py.) Run as a script, this module is the step's Django half on the scratch
portal.
"""

import time
from pathlib import Path

from fault_harness import FAILED, OK, check, inner_main, run_inner, setup_django, sqlite_env


def run(args, var: Path) -> str:
    """Searches the scratch portal, in a child process, with Elasticsearch configured on a port nothing listens on."""
    env = sqlite_env(var)
    ok = run_inner(
        env, __file__, "elasticsearch", SEARCH_BACKEND="elasticsearch", ELASTICSEARCH_URL="http://127.0.0.1:9"
    )
    return OK if ok else FAILED


def _inner_elasticsearch() -> int:
    setup_django()
    from django.test import Client

    print("· SEARCH_BACKEND=elasticsearch, ELASTICSEARCH_URL=http://127.0.0.1:9 (nothing listens there)")
    began = time.monotonic()
    response = Client(raise_request_exception=False).get("/cari/", {"q": "talent"})
    seconds = time.monotonic() - began
    body = response.content.decode(errors="replace")
    results = body.count('<li class="result') or body.count("<li><h2>")
    print(f"  GET /cari/?q=talent → {response.status_code} in {seconds * 1000:.0f} ms, {results} results listed")
    checks = [
        check(response.status_code == 200, "search answered 200"),
        check("search-fallback" in body, "with the notice that the main search engine is unreachable"),
        check(results > 0, "with results from the database index"),
        check(seconds < 10, "within 10 s"),
    ]
    return 0 if all(checks) else 1


if __name__ == "__main__":
    inner_main({"elasticsearch": _inner_elasticsearch})
