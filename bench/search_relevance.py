"""Search relevance on the seed content: MRR@10 and Recall@5 of /api/search/ for a query set, beside plain Wagtail
search (the stock database backend: no Indonesian analysis, no acronyms, no clause-aware ranking) on the same
content, so the gain is a ratio measured in one run.

    .venv/bin/python bench/search_relevance.py [--queries ../shared/search/dev_queries.json] [--show]

The content is built fresh in a throw-away test database (migrate, import_seed, load_demo, search_reindex):
in-memory SQLite by default, or PostgreSQL with DATABASE_URL=postgres://... (a `test_` database is created and
dropped). With SEARCH_BACKEND=elasticsearch the same run measures Elasticsearch instead of the database backend.
Matching follows ../shared/search/README.md.
"""

import argparse
import io
import json
import logging
import os
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("PORTAL_VAR_DIR", "/tmp/meritopedia-bench")

PLAIN_BACKEND = "wagtail.search.backends.database"


def indicator_anchor(code: str) -> str:
    """11.6.c → pasal-11-ayat-6-huruf-c; 13.d → pasal-13-huruf-d."""
    parts = code.split(".")
    anchor = f"pasal-{parts[0]}"
    if len(parts) == 3:
        anchor += f"-ayat-{parts[1]}"
    return f"{anchor}-huruf-{parts[-1]}"


def _anchor_matches(found: str, expected: str) -> bool:
    return found == expected or found.startswith(expected + "-")


def matched(hit: dict, case: dict) -> set[str]:
    """The expected answers of `case` that `hit` satisfies."""
    found = set()
    fragment = urlsplit(hit.get("url") or "").fragment
    for anchor in case.get("anchors", []):
        via_indicator = hit.get("indicator") and _anchor_matches(indicator_anchor(hit["indicator"]), anchor)
        if (fragment and _anchor_matches(fragment, anchor)) or via_indicator:
            found.add(anchor)
    for text in case.get("title_contains", []):
        if text.lower() in (hit.get("title") or "").lower():
            found.add(text)
    return found


def score(cases: list[dict], ask) -> tuple[float, float, list]:
    reciprocal, recall, rows = [], [], []
    for case in cases:
        results = ask(case["q"])
        expected = set(case.get("anchors", [])) | set(case.get("title_contains", []))
        rank = next((i for i, hit in enumerate(results[:10], 1) if matched(hit, case)), None)
        top5 = set().union(*(matched(hit, case) for hit in results[:5])) if results else set()
        reciprocal.append(1 / rank if rank else 0.0)
        recall.append(len(top5) / len(expected))
        rows.append((case["q"], rank, [hit["title"][:50] + " " + (hit.get("url") or "")[-30:] for hit in results[:3]]))
    return sum(reciprocal) / len(cases), sum(recall) / len(cases), rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", default=str(ROOT.parent / "shared" / "search" / "dev_queries.json"))
    parser.add_argument("--show", action="store_true", help="print each query's rank and top three")
    parser.add_argument("--no-plain", action="store_true", help="skip plain Wagtail search")
    args = parser.parse_args()
    cases = json.loads(Path(args.queries).read_text())

    import django

    django.setup()
    logging.disable(logging.WARNING)  # the immediate task backend logs every index update
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings, setup_databases, teardown_databases

    Path(os.environ["PORTAL_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        for command in ("import_seed", "load_demo", "search_reindex"):
            call_command(command, stdout=io.StringIO())
        from django.conf import settings
        from django.db import connection

        engine = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].rsplit(".", 1)[-1]
        label = f"{engine} on {connection.vendor}"
        print(f"content ready in {time.monotonic() - started:.1f}s ({len(cases)} queries from {args.queries})")

        client = Client()
        timings = []

        def ask_ours(q):
            t = time.perf_counter()
            response = client.get("/api/search/", {"q": q})
            timings.append(time.perf_counter() - t)
            assert response.status_code == 200, response.status_code
            return response.json()["results"]

        figures = [(f"Meritopedia search ({label})", *score(cases, ask_ours))]
        mean_ms = 1000 * sum(timings) / len(timings)
        if not args.no_plain:
            plain = {"default": {"BACKEND": PLAIN_BACKEND}}
            with override_settings(WAGTAILSEARCH_BACKENDS=plain):
                call_command("update_index", stdout=io.StringIO())
                figures.append((f"plain Wagtail search (database on {connection.vendor})", *score(cases, _plain_ask)))
        print(f"\n{'':55} {'MRR@10':>7} {'Recall@5':>9}")
        for name, mrr, recall, _ in figures:
            print(f"{name:55} {mrr:7.3f} {recall:9.3f}")
        if len(figures) == 2 and figures[1][1]:
            (_, mrr, recall, _), (_, plain_mrr, plain_recall, _) = figures
            print(f"{'gain (ours / plain)':55} {mrr / plain_mrr:7.2f}x {recall / plain_recall:8.2f}x")
        print(f"mean API time per query: {mean_ms:.0f} ms")
        if args.show:
            for name, _, _, rows in figures:
                print(f"\n{name}")
                for q, rank, top in rows:
                    print(f"  {str(rank or '-'):>2}  {q!r}: {' | '.join(top)}")
    finally:
        teardown_databases(old_config, verbosity=0)


def _plain_ask(q: str) -> list[dict]:
    """Wagtail's own search, as a site would call it: each searchable model's public objects with the raw query
    (the backend's default AND of words), merged by the engine's score."""
    from wagtail.search.backends import get_search_backend

    from search.hits import Hit, sources

    backend = get_search_backend()
    words = " ".join(re.findall(r"\w+", q))
    scored = []
    for model, queryset in sources():
        if model.__name__ == "Page":
            queryset = queryset.specific()
        for obj in backend.search(words, queryset).annotate_score("_score")[:10]:
            scored.append((obj._score, Hit(obj)))
    scored.sort(key=lambda pair: pair[0])  # SQLite's bm25(): lower is better
    return [{"title": hit.title, "url": hit.url, "indicator": hit.indicator_code} for _, hit in scored[:10]]


if __name__ == "__main__":
    main()
