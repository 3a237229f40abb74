"""Generated people and activity for the overview benchmark: volunteers with profiles,
applications and engagements, and past events with shifts and confirmed sign-ups whose hours
are recorded, spread over areas, towns and the months of last year and this year.

PostgreSQL only, and generated inside the database (INSERT ... SELECT over generate_series):
for millions of rows that is several times faster than building them in Python and COPYing
them in. The services are bypassed, so each row is left as they would leave it: a confirmed
sign-up has its confirmation time, a shift's `taken` equals its confirmed sign-ups, an ended
engagement has its end time, an answered application its answer time. Generated people cannot
sign in (unusable password)."""

import time

from django.db import connection, transaction

SIGNUPS_PER_SHIFT = 20
SHIFTS_PER_EVENT = 10


def add_people_and_hours(*, volunteers: int, hours: int, seed: int = 1, out=print) -> None:
    """Add `volunteers` volunteers (each with a profile and one application; most accepted
    ones became engagements) and `hours` confirmed shift sign-ups with hours."""
    if connection.vendor != "postgresql":
        raise ValueError("The volunteer and hours generator needs PostgreSQL.")
    if volunteers < SIGNUPS_PER_SHIFT:
        raise ValueError(f"Generate at least {SIGNUPS_PER_SHIFT} volunteers, one per place.")
    shifts = -(-hours // SIGNUPS_PER_SHIFT)
    events = -(-shifts // SHIFTS_PER_EVENT)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [1 / (seed + 1)])
        cursor.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM accounts_user")
        (first_user,) = cursor.fetchone()
        steps = [
            ("pools", _POOLS, {}),
            ("users", _USERS, {"n": volunteers, "first": first_user}),
            ("profiles", _PROFILES, {"first": first_user}),
            ("applications", _APPLICATIONS, {"first": first_user}),
            ("engagements", _ENGAGEMENTS, {"first": first_user}),
            ("events", _EVENTS, {"n": events, "first": first_user}),
            ("shifts", _SHIFTS, {"per_event": SHIFTS_PER_EVENT}),
            (
                "sign-ups",
                _SIGNUPS,
                {
                    "n": hours,
                    "v": volunteers,
                    "per": SIGNUPS_PER_SHIFT,
                    "first": first_user,
                    "stride": 7919 if volunteers > 7919 * (SIGNUPS_PER_SHIFT - 1) else 1,
                },
            ),
            ("taken", _TAKEN, {}),
        ]
        for name, statements, params in steps:
            started = time.perf_counter()
            for statement in statements:
                cursor.execute(statement, params)
            out(f"  {name}: {time.perf_counter() - started:.0f} s")


# Pools to draw from by number: published opportunities, approved organisations, areas.
_POOLS = [
    """CREATE TEMP TABLE bench_opp ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY id) AS rn, id, organisation_id
       FROM catalog_opportunity WHERE status = 'published'""",
    """CREATE TEMP TABLE bench_org ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY o.id) AS rn, o.id,
              COALESCE(o.place_id, (SELECT min(id) FROM catalog_place)) AS place_id
       FROM organisations_organisation o WHERE o.is_approved""",
    """CREATE TEMP TABLE bench_area ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY id) AS rn, id FROM catalog_area""",
    "CREATE TEMP TABLE bench_new_events (id bigint, starts_on date) ON COMMIT DROP",
]

_USERS = [
    """INSERT INTO accounts_user (id, password, is_superuser, username, first_name, last_name,
           is_staff, is_active, date_joined, email)
       SELECT %(first)s + i, '!', false, 'frivillig-' || (%(first)s + i) || '@bench.example.dk',
              'Frivillig', (%(first)s + i)::text, false, true,
              now() - random() * interval '1000 days',
              'frivillig-' || (%(first)s + i) || '@bench.example.dk'
       FROM generate_series(0, %(n)s - 1) AS i""",
    """SELECT setval(pg_get_serial_sequence('accounts_user', 'id'),
                     (SELECT max(id) FROM accounts_user))""",
]

_PROFILES = [
    """INSERT INTO accounts_volunteerprofile (phone, postal_code, birth_year, available_weekdays,
           available_evenings, available_weekends, wants_one_off, wants_recurring, languages,
           skills, has_driving_licence, open_to_contact, language, updated_at, user_id)
       SELECT '', (9000 + (id %% 10) * 10)::text,
              CASE WHEN random() < 0.1 THEN NULL ELSE 1940 + floor(random() * 70)::int END,
              random() < 0.5, random() < 0.5, random() < 0.5, true, true, 'dansk', '',
              random() < 0.6, false, 'da', now(), id
       FROM accounts_user WHERE id >= %(first)s""",
]

# One application each, sent in the last two years; 60 % accepted, 15 % waiting.
_APPLICATIONS = [
    """INSERT INTO engagements_application (message, availability, status, created_at,
           answered_at, answer, question, reminders_sent, opportunity_id, organisation_id,
           volunteer_id)
       SELECT '', '', s.status, s.created,
              CASE WHEN s.status = 'pending' THEN NULL ELSE s.created + interval '2 days' END,
              '', '', 0, o.id, o.organisation_id, s.user_id
       FROM (SELECT id AS user_id, random() AS r,
                    now() - random() * interval '690 days' AS created,
                    CASE WHEN random() < 0.6 THEN 'accepted'
                         WHEN random() < 0.4 THEN 'pending'
                         WHEN random() < 0.5 THEN 'declined' ELSE 'withdrawn' END AS status
             FROM accounts_user WHERE id >= %(first)s) AS s
       JOIN bench_opp o ON o.rn = 1 + floor(s.r * (SELECT count(*) FROM bench_opp))::bigint""",
    # What `engagements.services.apply` keeps for every application.
    """UPDATE catalog_opportunity SET has_applicants = true
       WHERE NOT has_applicants AND id IN (SELECT opportunity_id FROM engagements_application)""",
    """UPDATE catalog_opportunity o SET waiting_since = w.oldest
       FROM (SELECT opportunity_id, MIN(created_at) AS oldest FROM engagements_application
             WHERE status = 'pending' GROUP BY opportunity_id) w
       WHERE o.id = w.opportunity_id""",
]

_ENGAGEMENTS = [
    """INSERT INTO engagements_engagement (status, started_at, paused_at, ended_at,
           application_id, opportunity_id, organisation_id, volunteer_id)
       SELECT s.status, s.started, NULL,
              CASE WHEN s.status = 'ended' THEN s.started + interval '30 days' END,
              s.id, s.opportunity_id, s.organisation_id, s.volunteer_id
       FROM (SELECT a.id, a.opportunity_id, a.organisation_id, a.volunteer_id,
                    a.answered_at AS started,
                    CASE WHEN random() < 0.7 THEN 'active'
                         WHEN random() < 0.3 THEN 'paused' ELSE 'ended' END AS status
             FROM engagements_application a
             WHERE a.volunteer_id >= %(first)s AND a.status = 'accepted') AS s""",
]

# Published public events between 1 January last year and yesterday, one area each.
_EVENTS = [
    """WITH new AS (
         INSERT INTO events_event (slug, name, name_en, description, description_en, starts_on,
             ends_on, address, visibility, secret, status, cancel_hours_before,
             min_rest_minutes, contact_email, created_at, organisation_id, place_id, kind)
         SELECT 'bench-' || %(first)s || '-' || i, 'Arrangement ' || i, '', 'Genereret.', '',
                d, d, '', 'public', md5('event' || %(first)s || '-' || i), 'published', 24, 0,
                '', now(), g.id, g.place_id, 'event'
         FROM (SELECT i, random() AS r,
                      (date_trunc('year', now()) - interval '1 year')::date
                        + floor(random() * (current_date - 1
                          - (date_trunc('year', now()) - interval '1 year')::date))::int AS d
               FROM generate_series(1, %(n)s) AS i) AS e
         JOIN bench_org g ON g.rn = 1 + floor(e.r * (SELECT count(*) FROM bench_org))::bigint
         RETURNING id, starts_on)
       INSERT INTO bench_new_events SELECT id, starts_on FROM new""",
    """INSERT INTO events_event_areas (event_id, area_id)
       SELECT e.id, a.id FROM bench_new_events e
       JOIN bench_area a ON a.rn = 1 + (e.id %% (SELECT count(*) FROM bench_area))""",
    """INSERT INTO events_team (name, name_en, description, event_id)
       SELECT 'Hjælpere', '', '', id FROM bench_new_events""",
]

# Ten three-hour shifts a day; a third meet in another town than the event's.
_SHIFTS = [
    """INSERT INTO events_shift (starts_at, ends_at, location, capacity, taken,
           requires_child_certificate, requires_driving_licence, requirements_note, status,
           reminders_sent, event_id, organisation_id, place_id, team_id)
       SELECT ts, ts + interval '3 hours', '', 20, 0, false, false, '', 'open', 0, e.id,
              ev.organisation_id,
              CASE WHEN k %% 3 = 0 THEN (SELECT min(id) FROM catalog_place) + (e.id %% 20) END,
              t.id
       FROM bench_new_events e
       JOIN events_event ev ON ev.id = e.id
       JOIN events_team t ON t.event_id = e.id
       CROSS JOIN generate_series(0, %(per_event)s - 1) AS k
       CROSS JOIN LATERAL (SELECT (e.starts_on + time '08:00' + k * interval '1 hour')
                                  AT TIME ZONE 'Europe/Copenhagen' AS ts) AS x""",
    """CREATE TEMP TABLE bench_shift ON COMMIT DROP AS
       SELECT row_number() OVER (ORDER BY s.id) - 1 AS rn, s.id, s.event_id, s.starts_at,
              s.ends_at
       FROM events_shift s JOIN bench_new_events e ON e.id = s.event_id""",
    "CREATE UNIQUE INDEX ON bench_shift (rn)",
]

# Sign-up i goes to shift i / 20; its volunteer is spread by a stride so that the 20 people on a
# shift are different people (the stride times 19 stays below the number of volunteers).
_SIGNUPS = [
    """INSERT INTO events_shiftsignup (status, created_at, confirmed_at, checkin_code,
           attendance, checked_in_at, checked_out_at, hours, reminders_sent, event_id,
           shift_id, volunteer_id)
       SELECT 'confirmed', s.starts_at - interval '10 days', s.starts_at - interval '10 days',
              md5('signup' || s.id || '-' || i), 'out', s.starts_at, s.ends_at,
              (4 + floor(random() * 9)) / 4.0, 0, s.event_id, s.id,
              %(first)s + (i * %(stride)s) %% %(v)s
       FROM generate_series(0::bigint, %(n)s - 1) AS i
       JOIN bench_shift s ON s.rn = i / %(per)s""",
]

_TAKEN = [
    """UPDATE events_shift s SET taken = c.n
       FROM (SELECT shift_id, count(*) AS n FROM events_shiftsignup
             WHERE shift_id IN (SELECT id FROM bench_shift) AND status = 'confirmed'
             GROUP BY shift_id) AS c
       WHERE c.shift_id = s.id""",
]
