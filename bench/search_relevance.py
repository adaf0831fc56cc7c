"""Search relevance on the seed content: MRR@10 and Recall@5 of /api/search/ for a query set, for every engine
that answers on this machine, beside plain Wagtail search (the stock database backend: no Indonesian analysis, no
acronyms, no clause-aware ranking) on the same content, so the gain is a ratio measured in one run.

    .venv/bin/python bench/search_relevance.py [--queries ../shared/search/dev_queries.json] [--show]

One run measures, each in a child process with its own throw-away test database (migrate, import_seed,
load_demo, search_reindex): the database backend on SQLite (in memory); on PostgreSQL, when DATABASE_URL names
one or postgres://meritopedia:meritopedia@127.0.0.1:5432/meritopedia answers (a `test_meritopedia_bench`
database is created and dropped); and Elasticsearch, when ELASTICSEARCH_URL (default http://127.0.0.1:9200,
`make elasticsearch`) answers. `--only sqlite|postgresql|elasticsearch` measures one. Matching follows
../shared/search/README.md.
"""

import argparse
import io
import json
import logging
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
os.environ.setdefault("PORTAL_VAR_DIR", "/tmp/meritopedia-bench")

DEFAULT_POSTGRES = "postgres://meritopedia:meritopedia@127.0.0.1:5432/meritopedia"
RESULT_MARK = "BENCH-RESULT "
# Names the scratch databases and indexes, so that two checkouts can be measured side by side.
BENCH_TAG = os.environ.get("BENCH_TAG", "")
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


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    url = url if url.startswith("postgres") else DEFAULT_POSTGRES
    try:
        import psycopg

        psycopg.connect(url.replace("postgres://", "postgresql://", 1), connect_timeout=3).close()
        return url
    except Exception:  # no server, no role: nothing to measure there
        return None


def _elasticsearch_url() -> str | None:
    url = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
    try:
        urllib.request.urlopen(f"{url}/_cluster/health", timeout=3).close()
        return url
    except OSError:
        return None


def _runs(only: str | None) -> list[tuple[str, dict | None, str]]:
    """(engine, environment for the child or None if unreachable, why not)."""
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SEARCH_BACKEND")}
    postgres, elasticsearch = _postgres_url(), _elasticsearch_url()
    runs = [
        ("sqlite", base, ""),
        ("postgresql", {**base, "DATABASE_URL": postgres} if postgres else None, "PostgreSQL not reachable"),
        (
            "elasticsearch",
            {
                **base,
                "SEARCH_BACKEND": "elasticsearch",
                "ELASTICSEARCH_URL": elasticsearch or "",
                "ELASTICSEARCH_INDEX_PREFIX": f"meritopedia_bench{BENCH_TAG}_",
            }
            if elasticsearch
            else None,
            "Elasticsearch not reachable (make elasticsearch)",
        ),
    ]
    return [run for run in runs if only in (None, run[0])]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", default=str(ROOT.parent / "shared" / "search" / "dev_queries.json"))
    parser.add_argument("--show", action="store_true", help="print each query's rank and top three")
    parser.add_argument("--no-plain", action="store_true", help="skip plain Wagtail search")
    parser.add_argument("--only", choices=["sqlite", "postgresql", "elasticsearch"])
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args)

    started = time.monotonic()
    cases = json.loads(Path(args.queries).read_text())
    print(f"{len(cases)} queries from {args.queries}")
    figures, skipped = [], []
    for engine, env, why_not in _runs(args.only):
        if env is None:
            skipped.append(f"{engine}: {why_not}")
            continue
        command = [sys.executable, __file__, "--child", "--queries", args.queries]
        if args.no_plain or engine == "elasticsearch":  # plain Wagtail is the database backend: measured above
            command.append("--no-plain")
        done = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
        lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_MARK)]
        if done.returncode or not lines:
            skipped.append(f"{engine}: failed\n{done.stderr[-2000:]}")
            continue
        figures += json.loads(lines[-1][len(RESULT_MARK) :])

    print(f"\n{'':58} {'MRR@10':>7} {'Recall@5':>9} {'ms/query':>9}")
    for row in figures:
        print(f"{row['name']:58} {row['mrr']:7.3f} {row['recall']:9.3f} {row['ms']:9.0f}")
    by_name = {row["name"]: row for row in figures}
    for vendor in ("sqlite", "postgresql"):
        ours, plain = (
            by_name.get(f"Meritopedia search (database on {vendor})"),
            by_name.get(f"plain Wagtail search (database on {vendor})"),
        )
        if ours and plain and plain["mrr"] and plain["recall"]:
            print(
                f"{'gain on ' + vendor + ' (ours / plain)':58} {ours['mrr'] / plain['mrr']:6.2f}x "
                f"{ours['recall'] / plain['recall']:8.2f}x"
            )
    for line in skipped:
        print(f"not measured: {line}")
    print(f"(whole run {time.monotonic() - started:.0f} s)")
    if args.show:
        for row in figures:
            print(f"\n{row['name']}")
            for q, rank, top in row["rows"]:
                print(f"  {str(rank or '-'):>2}  {q!r}: {' | '.join(top)}")


def _child(args):
    """One engine in this process: build the content, ask every query, print the figures as one JSON line."""
    cases = json.loads(Path(args.queries).read_text())

    import django

    django.setup()
    logging.disable(logging.WARNING)  # the immediate task backend logs every index update
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings, setup_databases, teardown_databases

    Path(os.environ["PORTAL_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    if connection.vendor != "sqlite":
        connection.settings_dict.setdefault("TEST", {})["NAME"] = f"test_meritopedia_bench{BENCH_TAG}"
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        for command in ("import_seed", "load_demo", "search_reindex"):
            call_command(command, stdout=io.StringIO())
        from django.conf import settings

        engine = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].rsplit(".", 1)[-1]
        label = "elasticsearch" if engine.startswith("elasticsearch") else f"database on {connection.vendor}"
        if engine.startswith("elasticsearch"):
            from wagtail.search.backends import get_search_backend

            backend = get_search_backend()
            backend.refresh_indexes()
            label = f"Elasticsearch {_es_version(backend.es)}"

        client = Client()
        timings = []

        def ask_ours(q):
            t = time.perf_counter()
            response = client.get("/api/search/", {"q": q})
            timings.append(time.perf_counter() - t)
            assert response.status_code == 200, response.status_code
            return response.json()["results"]

        mrr, recall, rows = score(cases, ask_ours)
        ms = 1000 * sum(timings) / len(timings)
        figures = [{"name": f"Meritopedia search ({label})", "mrr": mrr, "recall": recall, "rows": rows, "ms": ms}]
        if not args.no_plain:
            plain = {"default": {"BACKEND": PLAIN_BACKEND}}
            with override_settings(WAGTAILSEARCH_BACKENDS=plain):
                call_command("update_index", stdout=io.StringIO())
                timings.clear()

                def ask_plain(q):
                    t = time.perf_counter()
                    found = _plain_ask(q)
                    timings.append(time.perf_counter() - t)
                    return found

                mrr, recall, rows = score(cases, ask_plain)
                ms = 1000 * sum(timings) / len(timings)
                figures.append(
                    {
                        "name": f"plain Wagtail search (database on {connection.vendor})",
                        "mrr": mrr,
                        "recall": recall,
                        "rows": rows,
                        "ms": ms,
                    }
                )
        print(RESULT_MARK + json.dumps(figures, ensure_ascii=False))
    finally:
        teardown_databases(old_config, verbosity=0)


def _es_version(es) -> str:
    """The cluster's version (the minimal distribution does not answer `GET /`)."""
    nodes = es.nodes.info(filter_path="nodes.*.version").get("nodes", {})
    return next(iter(nodes.values()))["version"] if nodes else "?"


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
            scored.append((obj._score, Hit.of(obj)))
    from django.db import connection

    # SQLite's bm25(): lower is better; PostgreSQL's ts_rank: higher is better
    scored.sort(key=lambda pair: pair[0], reverse=connection.vendor != "sqlite")
    return [{"title": hit.title, "url": hit.url, "indicator": hit.indicator_code} for _, hit in scored[:10]]


if __name__ == "__main__":
    main()
