"""Sign-up rush benchmark: the opening minute of a big event, through the whole HTTP stack,
against what PostgreSQL alone does with the same SQL.

    .venv/bin/python bench/signup_rush.py [--database-url URL] [--shifts 500] [--places 20]
        [--volunteers 12000] [--clients 64] [--workers 3] [--worker-class sync]
        [--tasks db|immediate] [--profile N] [--keep]

One event with 500 shifts of 20 places, 12,000 signed-in volunteers (their sessions are
written straight into the session table). gunicorn serves the project on 127.0.0.1; 64
asyncio clients send real sign-ups (POST /api/v1/me/shifts/<id>/signup, session cookie and
CSRF header) until every place is taken: the first tenth of the volunteers all at the same 5
shifts (half of them accepting the waitlist, half asking for a plain "full"), the rest spread
over the others, each trying another shift after a "full". Afterwards the database is
counted. The reference is pgbench running the SQL that the sign-up service issued for one
sign-up (captured), 64 clients, on a copy of the data taken before the rush.

The last line is

    signup_rush signups_per_s=<n> p99_ms=<n> overbooked=<n> lost=<n> ratio=<stack / pgbench>

`--profile N` instead profiles N sign-ups in this process through django.test.Client
(cProfile) and prints where the CPU goes. See bench/README.md for goals and figures.
"""

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from datetime import timedelta
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/frivillig_rush"
HOST = "127.0.0.1"
HOT_SHIFTS = 5
TASK_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
CLK_TCK = os.sysconf("SC_CLK_TCK")
LOG_PATH = Path(tempfile.gettempdir()) / "signup_rush_gunicorn.log"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--shifts", type=int, default=500)
    parser.add_argument("--places", type=int, default=20, help="places per shift")
    parser.add_argument("--volunteers", type=int, default=12_000)
    parser.add_argument("--clients", type=int, default=64, help="concurrent HTTP clients")
    parser.add_argument(
        "--workers", type=int, default=3, help="gunicorn workers (default 3 on 2 cores)"
    )
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument(
        "--tasks",
        default="db",
        choices=sorted(TASK_BACKENDS),
        help="db: e-mails are queued as django_tasks_db rows, as in production (no worker "
        "runs here); immediate: sent in the request to the locmem backend",
    )
    parser.add_argument("--timeout", type=float, default=600, help="give up after this many s")
    parser.add_argument(
        "--profile", type=int, metavar="N", help="cProfile N sign-ups in-process, no rush"
    )
    parser.add_argument("--keep", action="store_true", help="do not drop the databases")
    return parser.parse_args(argv)


# Django -------------------------------------------------------------------------------------


def server_env(args) -> dict:
    """The settings both this process and gunicorn run with (read from the environment)."""
    return {
        "DATABASE_URL": args.database_url,
        "DJANGO_SETTINGS_MODULE": "frivillig.settings",
        "DEBUG": "0",
        "SECURE_SSL": "0",
        "ALLOWED_HOSTS": f"{HOST},localhost,testserver",
        "TASKS_BACKEND": TASK_BACKENDS[args.tasks],
        # With the db backend no e-mail is sent during the rush (no worker runs); with
        # "immediate" they go to memory, so SMTP never dominates.
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_LEVEL": "WARNING",
    }


def configure_django(args) -> None:
    os.environ.update(server_env(args))
    sys.path.insert(0, str(PROJECT_DIR))
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    import django

    django.setup()


def admin_connection():
    import psycopg
    from django.db import connection

    return psycopg.connect(**server_params(connection.settings_dict, "postgres"), autocommit=True)


def server_params(settings_dict: dict, dbname: str) -> dict:
    params = {
        "dbname": dbname,
        "user": settings_dict["USER"] or None,
        "password": settings_dict["PASSWORD"] or None,
        "host": settings_dict["HOST"] or None,
        "port": str(settings_dict["PORT"]) if settings_dict["PORT"] else None,
    }
    return {k: v for k, v in params.items() if v is not None}


def drop_database(admin, name: str) -> None:
    from psycopg import sql

    admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def create_database(admin, name: str, template: str | None = None) -> None:
    from psycopg import sql

    drop_database(admin, name)
    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
    admin.execute(statement)


# Data ---------------------------------------------------------------------------------------


def seed(args):
    """One published event, `--shifts` shifts of `--places`, `--volunteers` people with a
    volunteer profile and a session each, plus one extra person for capturing the SQL."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from frivillig.accounts.models import User, VolunteerProfile
    from frivillig.catalog.models import Area, Place
    from frivillig.events import planning
    from frivillig.events.models import Shift
    from frivillig.organisations.models import OrganisationKind
    from frivillig.organisations.services import create_organisation

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    place = Place.objects.create(
        slug="aalborg-c",
        name="Aalborg C",
        postal_code="9000",
        latitude=57.048,
        longitude=9.919,
        setting="by",
    )
    area = Area.objects.create(slug="idraet-og-fritid", name_da="Idræt", name_en="Sports")
    organisation = create_organisation(
        name="Aalborg Karneval", kind=OrganisationKind.ASSOCIATION, is_approved=True, place=place
    )
    first_day = timezone.localdate() + timedelta(days=30)
    event = planning.create_event(
        organisation=organisation,
        areas=[area],
        name="Aalborg Karneval",
        description="Rush benchmark",
        starts_on=first_day,
        ends_on=first_day + timedelta(days=4),
        place=place,
    )
    team = planning.add_team(event=event, name="Oprydning")
    planning.publish_event(event=event)
    shifts = []
    for i in range(args.shifts):
        starts = planning.local(first_day + timedelta(days=i % 5), 6 + (i // 5) % 16)
        shifts.append(
            Shift(
                event=event,
                team=team,
                organisation=organisation,
                starts_at=starts,
                ends_at=starts + timedelta(hours=3),
                capacity=args.places,
                location=f"Post {i + 1}",
            )
        )
    Shift.objects.bulk_create(shifts, batch_size=1000)

    password = make_password(None)  # unusable: these people sign in by session only
    users = [
        User(
            username=f"rush{i}@example.dk",
            email=f"rush{i}@example.dk",
            first_name=f"Frivillig {i}",
            password=password,
        )
        for i in range(args.volunteers + 1)
    ]
    User.objects.bulk_create(users, batch_size=2000)
    users = list(User.objects.order_by("pk"))
    VolunteerProfile.objects.bulk_create(
        [VolunteerProfile(user=u, postal_code="9000", birth_year=1990) for u in users],
        batch_size=2000,
    )
    backend = "django.contrib.auth.backends.ModelBackend"
    expire = timezone.now() + timedelta(days=1)
    sessions, keys = [], {}
    store = SessionStore()
    for user in users:
        key = secrets.token_hex(16)
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: backend,
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(
            Session(session_key=key, session_data=store.encode(data), expire_date=expire)
        )
        keys[user.pk] = key
    Session.objects.bulk_create(sessions, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    capture_user, rush_users = users[-1], users[:-1]
    shift_ids = list(Shift.objects.filter(event=event).order_by("pk").values_list("pk", flat=True))
    print(
        f"seeded {len(rush_users)} volunteers with sessions, {len(shift_ids)} shifts x "
        f"{args.places} places in {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return event, shift_ids, [(u.pk, keys[u.pk]) for u in rush_users], capture_user


# The SQL of one sign-up, for pgbench ---------------------------------------------------------


def capture_signup_sql(event, shift_ids, capture_user, waitlisted: bool) -> list[tuple]:
    """Run one sign-up through the service and return its statements, each with whether it
    ran inside the transaction, then undo it. The e-mail task row counts: the service
    queues it on commit."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from frivillig.events import signup
    from frivillig.events.models import Shift, ShiftSignup

    shift_id = shift_ids[len(shift_ids) // 2 + 7]
    if waitlisted:
        Shift.objects.filter(pk=shift_id).update(taken=F_capacity())
    user = type(capture_user).objects.get(pk=capture_user.pk)
    shift = Shift(pk=shift_id)
    with CaptureQueriesContext(connection) as captured:
        outcome = signup.sign_up(volunteer=user, shift=shift)
    assert outcome.status == ("waitlisted" if waitlisted else "confirmed"), outcome
    # Django logs BEGIN and COMMIT among the queries; mark what ran between them.
    statements, in_tx = [], False
    for query in captured.captured_queries:
        if query["sql"] in ("BEGIN", "COMMIT", "ROLLBACK"):
            in_tx = query["sql"] == "BEGIN"
            continue
        statements.append((in_tx, query["sql"]))
    # Undo, so that the rush and pgbench start from the same, empty state.
    ShiftSignup.objects.filter(volunteer=user).delete()
    Shift.objects.filter(pk=shift_id).update(taken=0)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_tasks_database_dbtaskresult")
    return shift_id, user.pk, statements


def F_capacity():
    from django.db.models import F

    return F("capacity")


def pgbench_script(event, shift_ids, users, capture_user, total: int) -> str:
    """The captured statements with the person and shift turned into pgbench variables.

    Per transaction: the next number n from a sequence picks a volunteer (each once) and a
    shift (the first tenth at the 5 hot shifts, the rest spread), as in the rush. The place
    is taken by the same conditional UPDATE, its row count read back with \\gset, and the
    confirmed or the waitlisted tail runs, as sign_up branches."""
    confirmed = capture_signup_sql(event, shift_ids, capture_user, waitlisted=False)
    waitlisted = capture_signup_sql(event, shift_ids, capture_user, waitlisted=True)
    shift_id, user_id, _ = confirmed
    # The ids become variables by text replacement, so no other number may look like them.
    others = {
        event.pk,
        event.place_id,
        event.organisation_id,
        *event.teams.values_list("pk", flat=True),
    }
    assert shift_id not in others and user_id not in others and shift_id != user_id

    def template(sql: str) -> str:
        sql = re.sub(rf"(?<![\w.'-]){user_id}(?![\w.'-])", ":rush_vol", sql)
        sql = re.sub(rf"(?<![\w.'-]){shift_id}(?![\w.'-])", ":rush_shift", sql)
        # Fresh secrets, or the unique constraints would refuse the second transaction.
        sql = re.sub(
            r"(INSERT INTO \"events_shiftsignup\".*?VALUES \(.*?)'[A-Za-z0-9_-]{24}'",
            r"\1substr(md5(random()::text), 1, 24)",
            sql,
        )
        sql = re.sub(
            r"'[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}'::uuid",
            "gen_random_uuid()",
            sql,
        )
        return sql

    def body(statements, in_tx, close=False):
        lines = []
        for flag, sql in statements:
            if flag and not in_tx:
                lines.append("BEGIN;")
            if not flag and in_tx:
                lines.append("COMMIT;")
            in_tx = flag
            lines.append(template(sql) + ";")
        if close and in_tx:
            lines.append("COMMIT;")
        return lines, in_tx

    def split(statements):
        for i, (_flag, sql) in enumerate(statements):
            if sql.startswith('UPDATE "events_shift" SET "taken"'):
                return i
        raise SystemExit("bench: the captured sign-up has no UPDATE of the shift counter")

    c_stmts, w_stmts = confirmed[2], waitlisted[2]
    cut = split(c_stmts)
    assert [q for _, q in c_stmts[:cut]] == [q for _, q in w_stmts[: split(w_stmts)]]
    head, in_tx = body(c_stmts[:cut], False)
    update_in_tx = c_stmts[cut][0]
    if update_in_tx and not in_tx:
        head.append("BEGIN;")
    update = template(c_stmts[cut][1])
    head.append(f"WITH u AS ({update} RETURNING 1) SELECT count(*) AS rush_took FROM u \\gset")
    tail_c, _ = body(c_stmts[cut + 1 :], update_in_tx, close=True)
    tail_w, _ = body(w_stmts[cut + 1 :], update_in_tx, close=True)
    vol_min, vol_max = min(u for u, _ in users), max(u for u, _ in users)
    assert vol_max - vol_min + 1 == len(users), "volunteer ids are not contiguous"
    spread_min, spread_max = shift_ids[HOT_SHIFTS], shift_ids[-1]
    assert spread_max - spread_min + 1 == len(shift_ids) - HOT_SHIFTS
    hot_until = len(users) // 10
    lines = [
        "-- generated by bench/signup_rush.py from the SQL of one captured sign-up",
        "SELECT nextval('rush_n') AS rush_n \\gset",
        f"\\set rush_vol {vol_min} + (:rush_n - 1) % {len(users)}",
        f"\\set rush_hot {shift_ids[0]} + :rush_n % {HOT_SHIFTS}",
        f"\\set rush_spread random({spread_min}, {spread_max})",
        f"\\set rush_shift CASE WHEN :rush_n <= {hot_until} THEN :rush_hot ELSE :rush_spread END",
        *head,
        "\\if :rush_took",
        *tail_c,
        "\\else",
        *tail_w,
        "\\endif",
    ]
    # One line per statement: pgbench must not see a line of an e-mail's text as a command.
    return "\n".join(" ".join(line.split("\n")) for line in lines) + "\n"


def run_pgbench(args, dbname: str, script: str, clients: int, total: int) -> dict:
    from django.db import connection

    params = server_params(connection.settings_dict, dbname)
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
        f.write(script)
        path = f.name
    command = [
        shutil.which("pgbench") or "/usr/bin/pgbench",
        "--no-vacuum",
        f"--client={clients}",
        "--jobs=2",
        f"--transactions={total // clients}",
        f"--file={path}",
    ]
    for key, flag in (("host", "--host"), ("port", "--port"), ("user", "--username")):
        if key in params:
            command.append(f"{flag}={params[key]}")
    command.append(dbname)
    env = dict(os.environ)
    if "password" in params:
        env["PGPASSWORD"] = params["password"]
    print("$ " + " ".join(command), flush=True)
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    os.unlink(path) if result.returncode == 0 else None
    if result.returncode != 0:
        sys.exit(f"bench: pgbench failed (script kept in {path}):\n{result.stderr[-3000:]}")
    out = result.stdout
    tps = float(re.search(r"tps = ([\d.]+) \(without initial connection time\)", out).group(1))
    latency = float(re.search(r"latency average = ([\d.]+) ms", out).group(1))
    done = int(re.search(r"number of transactions actually processed: (\d+)", out).group(1))
    failed = re.search(r"number of failed transactions: (\d+)", out)
    return {
        "tps": tps,
        "latency_ms": latency,
        "done": done,
        "failed": int(failed.group(1)) if failed else 0,
    }


# The load generator ---------------------------------------------------------------------------


class Rush:
    """The plan of the rush and everything the clients saw."""

    def __init__(self, shift_ids, users, places, seed=1):
        rng = random.Random(seed)
        self.rng = rng
        self.places = places
        users = list(users)
        rng.shuffle(users)
        hot_count = len(users) // 10
        hot = shift_ids[:HOT_SHIFTS]
        # (user, session key, shift or None to choose a free one, waitlist)
        self.queue = [
            (u, k, hot[i % HOT_SHIFTS], i % 2 == 0) for i, (u, k) in enumerate(users[:hot_count])
        ]
        self.queue += [(u, k, None, False) for u, k in users[hot_count:]]
        self.queue.reverse()  # pop() from the end is cheap
        self.open = list(shift_ids[HOT_SHIFTS:])
        self.confirmed_count = Counter()
        self.confirmed = {}  # signup id -> (user, shift)
        self.waitlisted = {}
        self.outcomes = Counter()
        self.latencies = []
        self.errors = []
        self.requests = 0

    def next_job(self):
        while self.queue:
            user, key, shift, waitlist = self.queue.pop()
            if shift is None:
                if not self.open:
                    return None
                shift = self.rng.choice(self.open)
            return user, key, shift, waitlist
        return None

    def mark_full(self, shift):
        if shift in self.open:
            self.open.remove(shift)


async def http_post(state, path: str, headers: str, body: bytes):
    """One request on a kept-alive connection, reopened when the server closes it (gunicorn's
    sync workers answer every request with Connection: close)."""
    if state.get("writer") is None:
        state["reader"], state["writer"] = await asyncio.open_connection(HOST, state["port"])
    request = (
        f"POST {path} HTTP/1.1\r\nHost: {HOST}:{state['port']}\r\n{headers}"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    state["writer"].write(request)
    reader = state["reader"]
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed before an answer")
    status = int(status_line.split()[1])
    length, close = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        name = name.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "connection" and value.strip().lower() == "close":
            close = True
    payload = await reader.readexactly(length) if length else b""
    if close:
        state["writer"].close()
        state["writer"] = None
    return status, payload


async def client(rush: Rush, port: int, deadline: float):
    csrf = secrets.token_hex(16)  # an unmasked 32-character secret, as Django accepts
    state = {"port": port}
    body_for = {
        True: json.dumps({"waitlist": True}).encode(),
        False: json.dumps({"waitlist": False}).encode(),
    }
    while time.monotonic() < deadline:
        job = rush.next_job()
        if job is None:
            break
        user, key, shift, waitlist = job
        headers = (
            f"Cookie: sessionid={key}; csrftoken={csrf}\r\nX-CSRFToken: {csrf}\r\n"
            "Content-Type: application/json\r\nAccept-Language: en\r\n"
        )
        started = time.perf_counter()
        try:
            status, payload = await http_post(
                state, f"/api/v1/me/shifts/{shift}/signup", headers, body_for[waitlist]
            )
        except (ConnectionError, asyncio.IncompleteReadError, OSError) as error:
            state["writer"] = None
            rush.errors.append(f"{type(error).__name__}: {error}")
            rush.queue.append((user, key, shift, waitlist))  # try again
            if len(rush.errors) > 100:
                break
            continue
        rush.latencies.append((time.perf_counter() - started) * 1000)
        rush.requests += 1
        answer = json.loads(payload) if payload else {}
        if status == 201 and answer.get("status") == "confirmed":
            rush.outcomes["confirmed"] += 1
            rush.confirmed[answer["signup_id"]] = (user, shift)
            rush.confirmed_count[shift] += 1
            if rush.confirmed_count[shift] >= rush.places:
                rush.mark_full(shift)
        elif status == 201 and answer.get("status") == "waitlisted":
            rush.outcomes["waitlisted"] += 1
            rush.waitlisted[answer["signup_id"]] = (user, shift)
        elif status == 409 and answer.get("code") == "full":
            rush.outcomes["full"] += 1
            rush.mark_full(shift)
            if shift not in rush.open and not waitlist:
                # This person still wants a shift: another one, next.
                rush.queue.append((user, key, None, False))
        else:
            rush.outcomes[f"{status} {answer.get('code', '')}".strip()] += 1
            rush.errors.append(f"{status} {payload[:200]!r}")
            if len(rush.errors) > 100:
                break
    if state.get("writer") is not None:
        state["writer"].close()


async def run_clients(rush: Rush, port: int, clients: int, timeout: float):
    deadline = time.monotonic() + timeout
    await asyncio.gather(*(client(rush, port, deadline) for _ in range(clients)))


# gunicorn -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_gunicorn(args, port: int) -> subprocess.Popen:
    command = [
        str(PROJECT_DIR / ".venv" / "bin" / "gunicorn"),
        "frivillig.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={args.workers}",
        f"--worker-class={args.worker_class}",
        f"--threads={args.threads}",
        "--backlog=2048",
        "--timeout=60",
        "--log-level=warning",
    ]
    print(
        f"gunicorn: {args.workers} {args.worker_class} workers x {args.threads} thread(s) on "
        f"{HOST}:{port}, backlog 2048, DEBUG off, CONN_MAX_AGE 600 (persistent connections)",
        flush=True,
    )
    env = {**os.environ, **server_env(args)}
    # Django logs every 4xx as a warning ("Conflict: ..."): to a file, not the terminal.
    log = open(LOG_PATH, "w")  # noqa: SIM115 (closed when gunicorn has stopped)
    process = subprocess.Popen(
        command, cwd=PROJECT_DIR, env=env, start_new_session=True, stdout=log, stderr=log
    )
    log.close()
    return process


def wait_ready(process, port: int, warm_key: str) -> None:
    """Until every worker answers; then a few requests per worker, to import everything."""
    import urllib.request

    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            sys.exit(f"bench: gunicorn exited at start-up; see {LOG_PATH}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/api/v1/", timeout=5) as r:
                if r.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline:
                sys.exit("bench: gunicorn did not answer within 60 s")
            time.sleep(0.2)
    csrf = secrets.token_hex(16)
    for _ in range(20 * 4):
        request = urllib.request.Request(
            f"http://{HOST}:{port}/api/v1/me/shifts/999999999/signup",
            data=b"{}",
            method="POST",
            headers={
                "Cookie": f"sessionid={warm_key}; csrftoken={csrf}",
                "X-CSRFToken": csrf,
                "Content-Type": "application/json",
            },
        )
        try:
            urllib.request.urlopen(request, timeout=10)  # noqa: S310 (http://127.0.0.1 only)
        except urllib.error.HTTPError as error:
            assert error.code == 404, error.code


def stop_gunicorn(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def cpu_seconds(pids) -> float:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLK_TCK


def processes(comm: str | None = None, parent: int | None = None) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if (comm is None or name == comm) and (parent is None or ppid == parent):
            pids.append(int(entry.name))
    return pids


def machine_busy() -> tuple[float, float]:
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields) - idle) / CLK_TCK, sum(fields) / CLK_TCK


# Counting -------------------------------------------------------------------------------------


def count_database(rush: Rush) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FILTER (WHERE s.confirmed > s.capacity OR s.confirmed <> s.taken),
                   sum(s.taken), sum(s.confirmed), sum(s.capacity), sum(s.waitlisted)
            FROM (
                SELECT sh.id, sh.capacity, sh.taken,
                       count(su.id) FILTER (WHERE su.status = 'confirmed') AS confirmed,
                       count(su.id) FILTER (WHERE su.status = 'waitlisted') AS waitlisted
                FROM events_shift sh LEFT JOIN events_shiftsignup su ON su.shift_id = sh.id
                GROUP BY sh.id
            ) s
            """
        )
        overbooked, taken, confirmed, capacity, waitlisted = cursor.fetchone()
        cursor.execute(
            "SELECT id, volunteer_id, shift_id, status FROM events_shiftsignup "
            "WHERE status IN ('confirmed', 'waitlisted')"
        )
        rows = cursor.fetchall()
        cursor.execute("SELECT count(*) FROM django_tasks_database_dbtaskresult")
        tasks = cursor.fetchone()[0]
    db_confirmed = {r[0]: (r[1], r[2]) for r in rows if r[3] == "confirmed"}
    db_waitlisted = {r[0]: (r[1], r[2]) for r in rows if r[3] == "waitlisted"}
    lost = sum(1 for k, v in rush.confirmed.items() if db_confirmed.get(k) != v)
    lost += sum(1 for k in db_confirmed if k not in rush.confirmed)
    lost_waitlist = sum(1 for k, v in rush.waitlisted.items() if db_waitlisted.get(k) != v)
    lost_waitlist += sum(1 for k in db_waitlisted if k not in rush.waitlisted)
    return {
        "overbooked": overbooked,
        "taken": taken,
        "confirmed_rows": confirmed,
        "capacity": capacity,
        "waitlisted_rows": waitlisted,
        "lost": lost,
        "lost_waitlist": lost_waitlist,
        "tasks": tasks,
    }


def percentile(values, pct):
    return statistics.quantiles(values, n=100, method="inclusive")[pct - 1]


# Profile mode ---------------------------------------------------------------------------------


def profile(args, shift_ids, users, count: int) -> None:
    """N sign-ups through django.test.Client in this process: the whole stack but the
    network and gunicorn. Prints CPU per request and a cProfile."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    csrf = secrets.token_hex(16)
    client.cookies["csrftoken"] = csrf
    spread = shift_ids[HOT_SHIFTS:]
    jobs = [(users[i], spread[i % len(spread)]) for i in range(min(count, len(users)))]

    def one(user_key, shift):
        client.cookies["sessionid"] = user_key
        response = client.post(
            f"/api/v1/me/shifts/{shift}/signup",
            b'{"waitlist": true}',
            content_type="application/json",
            HTTP_X_CSRFTOKEN=csrf,
        )
        assert response.status_code == 201, response.content

    warm = jobs[:50]
    for (_, key), shift in warm:
        one(key, shift)
    timed = jobs[50:]
    # CPU time, not wall time: on a shared machine waiting says nothing about the code.
    profiler = cProfile.Profile(time.process_time)
    cpu = time.process_time()
    wall = time.perf_counter()
    profiler.enable()
    for (_, key), shift in timed:
        one(key, shift)
    profiler.disable()
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    print(
        f"\n{len(timed)} sign-ups in-process (under cProfile): "
        f"{cpu / len(timed) * 1000:.2f} ms CPU and {wall / len(timed) * 1000:.2f} ms wall each"
    )
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(25)


# Main -----------------------------------------------------------------------------------------


def main(argv=None) -> None:
    args = parse_args(argv)
    if not args.database_url.startswith("postgres"):
        sys.exit("bench: the sign-up rush needs PostgreSQL")
    configure_django(args)
    from django.db import connection, connections

    name = connection.settings_dict["NAME"]
    copy_name = f"{name}_pgbench"
    admin = admin_connection()
    print(
        f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}; database {name} "
        f"(recreated), pgbench copy {copy_name}",
        flush=True,
    )
    print(
        f"tasks backend: {TASK_BACKENDS[args.tasks]}"
        + (
            " (as in production: each e-mail is queued as a task row; no worker runs, so none "
            "is sent during the rush)"
            if args.tasks == "db"
            else " (e-mails composed and sent in the request, to the locmem backend)"
        )
        + "; EMAIL_BACKEND locmem",
        flush=True,
    )
    create_database(admin, name)
    gunicorn = None
    try:
        event, shift_ids, users, capture_user = seed(args)
        if args.profile:
            profile(args, shift_ids, users, args.profile + 50)
            return
        total = len(users) - len(users) % args.clients
        script = pgbench_script(event, shift_ids, users, capture_user, total)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        connections.close_all()
        create_database(admin, copy_name, template=name)
        admin.execute("SELECT 1")
        import psycopg

        with psycopg.connect(
            **server_params(connection.settings_dict, copy_name), autocommit=True
        ) as copy:
            copy.execute("CREATE SEQUENCE rush_n")

        port = free_port()
        gunicorn = start_gunicorn(args, port)
        capture_key = None
        from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
        from django.contrib.sessions.backends.db import SessionStore

        store = SessionStore()
        store.update(
            {
                SESSION_KEY: str(capture_user.pk),
                BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: capture_user.get_session_auth_hash(),
            }
        )
        store.create()
        capture_key = store.session_key
        connections.close_all()
        wait_ready(gunicorn, port, capture_key)
        workers = processes(parent=gunicorn.pid)
        print(f"gunicorn master pid {gunicorn.pid}, worker pids {sorted(workers)}", flush=True)

        rush = Rush(shift_ids, users, args.places)
        load_before = os.getloadavg()[0]
        busy0, all0 = machine_busy()
        pg0 = cpu_seconds(processes("postgres"))
        gu0 = cpu_seconds(workers)
        cpu0 = time.process_time()
        started = time.perf_counter()
        asyncio.run(run_clients(rush, port, args.clients, args.timeout))
        elapsed = time.perf_counter() - started
        client_cpu = time.process_time() - cpu0
        gu_cpu = cpu_seconds(workers) - gu0
        pg_cpu = cpu_seconds(processes("postgres")) - pg0
        busy1, all1 = machine_busy()
        load_after = os.getloadavg()[0]
        stop_gunicorn(gunicorn)
        gunicorn = None

        counted = count_database(rush)
        reference = run_pgbench(args, copy_name, script, args.clients, total)
    finally:
        if gunicorn is not None:
            stop_gunicorn(gunicorn)
        connections.close_all()
        if not args.keep:
            drop_database(admin, copy_name)
            drop_database(admin, name)
        admin.close()

    signups = rush.outcomes["confirmed"] + rush.outcomes["waitlisted"]
    rate = signups / elapsed
    p50 = statistics.median(rush.latencies)
    p99 = percentile(rush.latencies, 99)
    machine = (busy1 - busy0) / (all1 - all0) * 100 if all1 > all0 else 0
    print()
    print(f"load average {load_before:.2f} before the rush, {load_after:.2f} after")
    rows = [
        ("HTTP requests", f"{rush.requests}", f"{rush.requests / elapsed:.0f}/s"),
        ("  confirmed (201)", f"{rush.outcomes['confirmed']}", ""),
        ("  waitlisted (201)", f"{rush.outcomes['waitlisted']}", ""),
        ("  full (409)", f"{rush.outcomes['full']}", ""),
        *[
            (f"  other: {k}", f"{v}", "")
            for k, v in rush.outcomes.items()
            if k not in ("confirmed", "waitlisted", "full")
        ],
        ("sign-ups (confirmed + waitlisted)", f"{signups}", f"{rate:.0f}/s"),
        ("rush wall time", f"{elapsed:.1f} s", ""),
        ("latency p50 / p99 / max", f"{p50:.1f} / {p99:.1f} / {max(rush.latencies):.1f} ms", ""),
        (
            "places taken (db) / capacity",
            f"{counted['taken']} / {counted['capacity']}",
            f"confirmed rows {counted['confirmed_rows']}",
        ),
        ("waitlisted rows (db)", f"{counted['waitlisted_rows']}", ""),
        ("e-mail task rows (db)", f"{counted['tasks']}", ""),
        ("overbooked shifts", f"{counted['overbooked']}", "taken or rows above capacity/apart"),
        (
            "lost confirmations",
            f"{counted['lost']}",
            f"waitlist mismatches {counted['lost_waitlist']}",
        ),
        ("client errors", f"{len(rush.errors)}", "; ".join(rush.errors[:3])),
        (
            "gunicorn CPU per request",
            f"{gu_cpu / max(rush.requests, 1) * 1000:.2f} ms",
            f"{gu_cpu:.1f} s in all",
        ),
        (
            "PostgreSQL CPU per request",
            f"{pg_cpu / max(rush.requests, 1) * 1000:.2f} ms",
            f"{pg_cpu:.1f} s in all",
        ),
        (
            "load generator CPU",
            f"{client_cpu / elapsed * 100:.0f} % of one core",
            f"{client_cpu / max(rush.requests, 1) * 1000:.2f} ms per request",
        ),
        ("machine busy during the rush", f"{machine:.0f} %", f"{os.cpu_count()} cores"),
        (
            "pgbench, same SQL, 64 clients",
            f"{reference['done']} tx",
            f"{reference['tps']:.0f}/s, latency avg {reference['latency_ms']:.1f} ms, "
            f"failed {reference['failed']}",
        ),
        ("ratio stack / pgbench", f"{rate / reference['tps']:.3f}", ""),
    ]
    width = max(len(r[0]) for r in rows)
    for label, value, note in rows:
        print(f"{label:<{width}}  {value:>22}  {note}")
    if rush.errors:
        print("first errors:", *rush.errors[:5], sep="\n  ")
    print(
        f"signup_rush signups_per_s={rate:.0f} p99_ms={p99:.0f} "
        f"overbooked={counted['overbooked']} lost={counted['lost']} "
        f"ratio={rate / reference['tps']:.3f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
