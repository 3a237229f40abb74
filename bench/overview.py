"""Overview benchmark: the municipal overview (/kommune/, as the central volunteer office's
staff, whose scope is every organisation) and the public statistics page (/statistik/,
anonymous) at national scale, through the whole Django stack.

    .venv/bin/python bench/overview.py [--database-url URL] [--volunteers 1000000]
        [--hours 5000000] [--opportunities 100000] [--repeat 20] [--warmup 3]
        [--explain N] [--rebuild]

The database is built once (`seed_demo --scale`, then `--scale-volunteers --scale-hours`,
which take minutes) and reused on later runs; `--rebuild` drops it first. Per page it prints
the number of queries, p50/p95 of `--repeat` timed requests after `--warmup`, the slowest
statements of one request, and EXPLAIN ANALYZE of the `--explain` slowest. The last line is

    overview p95_ms=<worst p95 of the two pages>

See bench/README.md for the goal and the latest figures.
"""

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/frivillig_overview_bench"
OFFICE_LOGIN = "frivilligkontor@demo.frivillig.dk"
PAGES = [
    ("overview", "/kommune/", OFFICE_LOGIN, b"<table"),
    ("statistics", "/statistik/", None, b"<table"),
]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--volunteers", type=int, default=1_000_000)
    parser.add_argument("--hours", type=int, default=5_000_000, help="hour records (sign-ups)")
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--organisations", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument(
        "--explain", type=int, default=2, help="EXPLAIN ANALYZE this many slowest statements"
    )
    parser.add_argument("--rebuild", action="store_true", help="drop and rebuild the database")
    parser.add_argument(
        "--no-refresh",
        action="store_true",
        help="keep the activity totals of the last refresh (a refresh takes minutes at scale)",
    )
    return parser.parse_args(argv)


def configure_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "frivillig.settings"
    os.environ["SECURE_SSL"] = "0"
    os.environ["DEBUG"] = "0"
    sys.path.insert(0, str(PROJECT_DIR))
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    import django

    django.setup()


def admin_connection():
    import psycopg
    from django.db import connection

    s = connection.settings_dict
    params = {
        "dbname": "postgres",
        "user": s["USER"] or None,
        "password": s["PASSWORD"] or None,
        "host": s["HOST"] or None,
        "port": str(s["PORT"]) if s["PORT"] else None,
    }
    return psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True)


def ensure_database(rebuild: bool) -> None:
    from django.db import connection
    from psycopg import sql

    name = connection.settings_dict["NAME"]
    with admin_connection() as admin:
        if rebuild:
            print(f"dropping database {name}", flush=True)
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            print(f"creating database {name}", flush=True)
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def ensure_data(args) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection

    from frivillig.catalog.models import Opportunity
    from frivillig.events.models import ShiftSignup

    call_command("migrate", interactive=False, verbosity=0)
    changed = False
    visible = Opportunity.objects.visible().count()
    if visible < args.opportunities:
        print(f"generating opportunities (seed_demo --scale {args.opportunities})", flush=True)
        call_command(
            "seed_demo",
            scale=args.opportunities - visible if visible else args.opportunities,
            scale_organisations=args.organisations,
            verbosity=0,
        )
        changed = True
    hours = ShiftSignup.objects.filter(hours__isnull=False).count()
    if hours < args.hours:
        print(
            f"generating {args.volunteers} volunteers and {args.hours} hour records "
            f"(seed_demo --scale-volunteers --scale-hours; several minutes)",
            flush=True,
        )
        started = time.perf_counter()
        call_command(
            "seed_demo",
            scale_volunteers=args.volunteers,
            scale_hours=args.hours - hours,
            verbosity=1,
        )
        print(f"  took {time.perf_counter() - started:.0f} s", flush=True)
        changed = True
    if changed:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    if not args.no_refresh:
        refresh_aggregates()
    print(
        f"database {connection.settings_dict['NAME']}: {get_user_model().objects.count()} users, "
        f"{Opportunity.objects.visible().count()} visible opportunities, "
        f"{ShiftSignup.objects.filter(hours__isnull=False).count()} hour records",
        flush=True,
    )


def refresh_aggregates() -> None:
    """Run the pre-aggregation command if the project has one (it keeps the heavy sums)."""
    from django.core.management import call_command, get_commands

    if "refresh_activity" in get_commands():
        started = time.perf_counter()
        call_command("refresh_activity", verbosity=0)
        print(f"refresh_activity took {time.perf_counter() - started:.1f} s", flush=True)


def percentile(values, pct):
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


def measure(client, url, marker, repeat, warmup):
    timings = []
    for i in range(warmup + repeat):
        started = time.perf_counter_ns()
        response = client.get(url)
        elapsed = (time.perf_counter_ns() - started) / 1e6
        if response.status_code != 200 or marker not in response.content:
            sys.exit(f"bench: {url} answered {response.status_code} without a table")
        if i >= warmup:
            timings.append(elapsed)
    return timings


def capture(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return [(float(q["time"]) * 1000, q["sql"]) for q in captured.captured_queries]


def explain(statement: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement)
        for (line,) in cursor.fetchall():
            print("    ", line)


def main(argv=None) -> None:
    args = parse_args(argv)
    configure_django(args.database_url)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    if connection.vendor != "postgresql":
        sys.exit("bench: the overview benchmark needs PostgreSQL")
    ensure_database(args.rebuild)
    ensure_data(args)
    load_before = os.getloadavg()[0]

    rows = []
    for name, url, login, marker in PAGES:
        client = Client()
        if login:
            client.force_login(get_user_model().objects.get(email=login))
        timings = measure(client, url, marker, args.repeat, args.warmup)
        queries = capture(client, url)
        rows.append(
            {
                "name": name,
                "url": url,
                "queries": len(queries),
                "sql_ms": sum(ms for ms, _ in queries),
                "p50": statistics.median(timings),
                "p95": percentile(timings, 95),
            }
        )
        print(f"\n=== {name} {url}: slowest statements of one request")
        slowest = sorted(queries, key=lambda q: q[0], reverse=True)
        for ms, sql in slowest[:5]:
            print(f"  {ms:8.1f} ms  {sql[:240]}{'…' if len(sql) > 240 else ''}")
        for ms, sql in slowest[: args.explain]:
            print(f"\n  EXPLAIN ANALYZE of the {ms:.1f} ms statement:")
            explain(sql)

    print()
    print(
        f"{os.cpu_count()} CPUs; load average {load_before:.2f} before, "
        f"{os.getloadavg()[0]:.2f} after (figures are only comparable on an idle machine)"
    )
    header = f"{'page':<12} {'queries':>7} {'sql ms':>8} {'p50 ms':>8} {'p95 ms':>8}  url"
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['name']:<12} {r['queries']:>7} {r['sql_ms']:>8.1f} {r['p50']:>8.1f} "
            f"{r['p95']:>8.1f}  {r['url']}"
        )
    print(f"({args.warmup} warm-up + {args.repeat} timed requests per page; sql ms = one request)")
    print(f"overview p95_ms={max(r['p95'] for r in rows):.1f}", flush=True)


if __name__ == "__main__":
    main()
