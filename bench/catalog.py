"""Catalogue search benchmark: six representative searches through the whole Django stack,
against the same SQL executed directly with psycopg as the reference.

    .venv/bin/python bench/catalog.py [--database-url URL] [--opportunities 100000]
        [--organisations 2000] [--repeat 50] [--warmup 5] [--explain] [--profile NAME]

It creates the database if it is missing, migrates it, tops the data up with the demo loader
until it has the target number of visible opportunities and organisations, and runs ANALYZE.
Then, per search, it times `--repeat` requests through django.test.Client (middleware, form
validation, the query code, template rendering) and, interleaved with them, the SQL those
requests execute, sent verbatim over a separate psycopg connection. This is a benchmark that
prints figures, not a test; the last line is

    catalog p95_ms=<worst stack p95 over the six> ratio=<worst stack p95 / raw p95>

See bench/README.md for the goals and the latest figures.
"""

import argparse
import cProfile
import gc
import os
import pstats
import statistics
import sys
import time
import warnings
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/frivillig_bench"

# (name, portal URL). Slugs are those of catalog/data/areas.json and aalborg_towns.csv.
SEARCHES = [
    ("text only", "/soeg/?q=besøgsven"),
    ("text + area", "/soeg/?q=lektiehjælp&area=boern"),
    ("area + town", "/soeg/?area=aeldre&town=nibe"),
    ("within 10 km", "/soeg/?postal_code=9000&distance=10&sort=nearest"),
    (
        "filters only",
        "/soeg/?kind=recurring&commitment=light&suitable=english&no_child_certificate=on",
    ),
    ("page 50", "/soeg/?sort=newest&page=50"),
]
RESULT_MARKER = b'class="opp-card"'


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help=f"PostgreSQL database to use (default {DEFAULT_DATABASE_URL})",
    )
    parser.add_argument(
        "--opportunities",
        type=int,
        default=100_000,
        help="visible opportunities to load up to (default 100000)",
    )
    parser.add_argument(
        "--organisations",
        type=int,
        default=2_000,
        help="organisations to load up to (default 2000)",
    )
    parser.add_argument("--repeat", type=int, default=50, help="timed runs per search")
    parser.add_argument("--warmup", type=int, default=5, help="untimed runs per search first")
    parser.add_argument(
        "--explain",
        action="store_true",
        help="also print EXPLAIN (ANALYZE, BUFFERS) of every statement",
    )
    parser.add_argument(
        "--profile",
        metavar="NAME",
        action="append",
        default=[],
        help="also print a cProfile of the stack side of this search "
        "(a name from the table, or 'all'); may be repeated",
    )
    return parser.parse_args(argv)


def configure_django(database_url: str) -> None:
    # Settings read the environment when they are imported, so this must precede setup().
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "frivillig.settings"
    os.environ["SECURE_SSL"] = "0"
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(PROJECT_DIR))
    # WhiteNoise warns once that STATIC_ROOT was never collected; the search pages do not care.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    import django

    django.setup()


def server_params(settings_dict: dict, dbname: str) -> dict:
    params = {
        "dbname": dbname,
        "user": settings_dict["USER"] or None,
        "password": settings_dict["PASSWORD"] or None,
        "host": settings_dict["HOST"] or None,
        "port": str(settings_dict["PORT"]) if settings_dict["PORT"] else None,
    }
    return {k: v for k, v in params.items() if v is not None}


def ensure_database() -> None:
    import psycopg
    from django.db import connection
    from psycopg import sql

    name = connection.settings_dict["NAME"]
    with psycopg.connect(
        **server_params(connection.settings_dict, "postgres"), autocommit=True
    ) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            print(f"creating database {name}", flush=True)
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def counts() -> tuple[int, int]:
    from frivillig.catalog.models import Opportunity
    from frivillig.organisations.models import Organisation

    return Opportunity.objects.visible().count(), Organisation.objects.count()


def ensure_data(opportunities: int, organisations: int) -> None:
    """Migrate, and top the demo data up to the targets with `seed_demo --scale` (which loads
    the hand-written demo first; that part is idempotent), then refresh the statistics."""
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", interactive=False, verbosity=0)
    visible, orgs = counts()
    if visible < opportunities or orgs < organisations:
        from frivillig.catalog.models import Place

        if not Place.objects.exists():
            # The hand-written demo first, so that the shortfall is measured after it.
            print("loading the demo data (seed_demo)", flush=True)
            call_command("seed_demo", verbosity=0)
            visible, orgs = counts()
        missing = max(opportunities - visible, 0)
        missing_orgs = max(organisations - orgs, 0)
        print(
            f"generating {missing} opportunities and {missing_orgs} organisations "
            f"(seed_demo --scale {missing} --scale-organisations {missing_orgs})",
            flush=True,
        )
        started = time.perf_counter()
        if missing:
            call_command("seed_demo", scale=missing, scale_organisations=missing_orgs, verbosity=0)
        else:
            from frivillig.catalog.demo.scale import add_generated

            add_generated(opportunities=0, organisations=missing_orgs)
        print(f"  took {time.perf_counter() - started:.0f} s", flush=True)
        with connection.cursor() as cursor:
            # VACUUM too: it sets the visibility map and hint bits, as autovacuum would soon
            # after a bulk load in production, so the timed runs do not pay for that.
            cursor.execute("VACUUM ANALYZE")


def raw_connection():
    """A plain psycopg connection to the same database with the same session settings as
    Django's (notably the pg_trgm threshold from OPTIONS), in autocommit like Django's."""
    import psycopg
    from django.db import connection

    settings_dict = connection.settings_dict
    params = server_params(settings_dict, settings_dict["NAME"])
    if options := settings_dict.get("OPTIONS", {}).get("options"):
        params["options"] = options
    raw = psycopg.connect(**params, autocommit=True)
    raw.execute("SET TIME ZONE 'UTC'")
    return raw


def capture(client, url: str) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    check(response, url)
    return [q["sql"] for q in captured.captured_queries]


def check(response, url: str) -> None:
    if response.status_code != 200:
        sys.exit(f"bench: {url} answered {response.status_code}, not 200")
    if RESULT_MARKER not in response.content:
        sys.exit(f"bench: {url} found no opportunities; the benchmark would time an empty page")


def run_raw(cursor, statements: list[str]) -> int:
    rows = 0
    for statement in statements:
        cursor.execute(statement)
        rows += len(cursor.fetchall())
    return rows


def percentile(values: list[float], pct: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def measure(client, raw_cursor, url: str, statements: list[str], repeat: int, warmup: int):
    """Wall-clock milliseconds of each timed stack request and raw replay, and the CPU time
    this process spent on each stack request (Python's share, which waiting on PostgreSQL and
    being descheduled on a busy machine do not inflate)."""
    stack_ms, stack_cpu_ms, raw_ms = [], [], []
    for i in range(warmup + repeat):
        # Alternate which side goes first so that neither always finds the warmer cache.
        for side in ("stack", "raw") if i % 2 == 0 else ("raw", "stack"):
            if side == "stack":
                cpu_started = time.process_time_ns()
                started = time.perf_counter_ns()
                response = client.get(url)
                elapsed = time.perf_counter_ns() - started
                cpu = time.process_time_ns() - cpu_started
                check(response, url)
                if i >= warmup:
                    stack_ms.append(elapsed / 1e6)
                    stack_cpu_ms.append(cpu / 1e6)
            else:
                started = time.perf_counter_ns()
                run_raw(raw_cursor, statements)
                elapsed = time.perf_counter_ns() - started
                if i >= warmup:
                    raw_ms.append(elapsed / 1e6)
    return stack_ms, stack_cpu_ms, raw_ms


def explain(raw_cursor, name: str, statements: list[str]) -> None:
    print(f"\n=== EXPLAIN {name}")
    for n, statement in enumerate(statements, 1):
        raw_cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
        print(f"--- statement {n}: {statement[:300]}{'…' if len(statement) > 300 else ''}")
        for (line,) in raw_cursor.fetchall():
            print("   ", line)


def profile(client, name: str, url: str, repeat: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(url)
    profiler.disable()
    print(f"\n=== cProfile {name}: {repeat} requests, sorted by cumulative time")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(35)
    print(f"=== cProfile {name}: sorted by own time")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(20)


def main(argv=None) -> None:
    args = parse_args(argv)
    configure_django(args.database_url)
    from django.db import connection
    from django.test import Client

    if connection.vendor != "postgresql":
        sys.exit("bench: the catalogue benchmark needs PostgreSQL")
    ensure_database()
    ensure_data(args.opportunities, args.organisations)
    visible, orgs = counts()
    print(
        f"database {connection.settings_dict['NAME']}: {visible} visible opportunities, "
        f"{orgs} organisations; {args.warmup} warm-up + {args.repeat} timed runs per search",
        flush=True,
    )
    load_before = os.getloadavg()[0]

    client = Client()
    raw = raw_connection()
    raw_cursor = raw.cursor()
    rows = []
    for name, url in SEARCHES:
        statements = capture(client, url)
        stack_ms, stack_cpu_ms, raw_ms = measure(
            client, raw_cursor, url, statements, args.repeat, args.warmup
        )
        row = {
            "name": name,
            "url": url,
            "queries": len(statements),
            "stack_p50": statistics.median(stack_ms),
            "stack_p95": percentile(stack_ms, 95),
            "cpu_p50": statistics.median(stack_cpu_ms),
            "raw_p50": statistics.median(raw_ms),
            "raw_p95": percentile(raw_ms, 95),
        }
        row["ratio"] = row["stack_p95"] / row["raw_p95"]
        rows.append(row)
        if args.explain:
            explain(raw_cursor, name, statements)
        if name in args.profile or "all" in args.profile:
            profile(client, name, url, args.repeat)
        gc.collect()
    raw.close()

    print()
    print(
        f"{os.cpu_count()} CPUs; load average {load_before:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after (figures are only comparable on an idle machine)"
    )
    header = (
        f"{'search':<14} {'queries':>7} {'stack p50':>10} {'stack p95':>10} "
        f"{'raw p50':>8} {'raw p95':>8} {'ratio':>6} {'py cpu p50':>10}  url"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['name']:<14} {r['queries']:>7} {r['stack_p50']:>10.1f} {r['stack_p95']:>10.1f} "
            f"{r['raw_p50']:>8.1f} {r['raw_p95']:>8.1f} {r['ratio']:>6.2f} {r['cpu_p50']:>10.1f}"
            f"  {r['url']}"
        )
    print(
        "(milliseconds per request; raw = the same SQL over psycopg; ratio = stack p95 / raw p95;"
        "\n py cpu = CPU time of this process per stack request, i.e. Django's own share)"
    )
    worst_p95 = max(r["stack_p95"] for r in rows)
    worst_ratio = max(r["ratio"] for r in rows)
    print(f"catalog p95_ms={worst_p95:.1f} ratio={worst_ratio:.2f}", flush=True)


if __name__ == "__main__":
    main()
