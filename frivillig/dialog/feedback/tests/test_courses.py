"""Courses and network meetings: published as events of another kind, listed on /kurser/,
filtered on the events list and in the API, and created in the back office."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from frivillig.events.models import Event, EventKind

EVENTS = "/api/v1/events"


def _da(msgid: str) -> str:
    with translation.override("da"):
        return str(translation.gettext(msgid))


def test_the_course_page_lists_courses_and_network_meetings_only(client, make_event):
    make_event("Førstehjælp for frivillige", kind=EventKind.COURSE)
    make_event("Netværksmøde på tværs", kind=EventKind.NETWORK)
    make_event("Aalborg Karneval")
    make_event("Kladde-kursus", kind=EventKind.COURSE, publish=False)
    make_event("Gammelt kursus", kind=EventKind.COURSE, start_in_days=-10)
    html = client.get(reverse("portal:courses")).content.decode()
    assert _da("Courses and network meetings across areas") in html
    assert "Førstehjælp for frivillige" in html and "Netværksmøde på tværs" in html
    for name in ("Aalborg Karneval", "Kladde-kursus", "Gammelt kursus"):
        assert name not in html


def test_the_events_list_filters_by_kind_and_shows_a_badge(client, make_event):
    make_event("Førstehjælp for frivillige", kind=EventKind.COURSE)
    make_event("Aalborg Karneval")
    html = client.get(reverse("portal:events")).content.decode()
    assert "Førstehjælp for frivillige" in html and "Aalborg Karneval" in html
    assert f'<span class="badge badge-info">{_da("Course")}</span>' in html
    only = client.get(reverse("portal:events"), {"kind": "course"}).content.decode()
    assert "Førstehjælp for frivillige" in only and "Aalborg Karneval" not in only
    # An unknown kind (an edited link) shows everything rather than an error.
    odd = client.get(reverse("portal:events"), {"kind": "<script>"})
    assert odd.status_code == 200 and "Aalborg Karneval" in odd.content.decode()


def test_the_course_page_costs_the_same_for_2_and_10_courses(client, make_event):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("portal:courses")).status_code == 200
        return len(ctx)

    for _ in range(2):
        make_event(kind=EventKind.COURSE)
    few = count()
    for _ in range(8):
        make_event(kind=EventKind.NETWORK)
    assert count() == few


def test_the_api_gives_the_kind_and_filters_on_it(client, make_event):
    make_event("Førstehjælp for frivillige", kind=EventKind.COURSE)
    make_event("Aalborg Karneval")
    body = client.get(EVENTS).json()
    assert {e["name"]: e["kind"] for e in body["results"]} == {
        "Førstehjælp for frivillige": "course",
        "Aalborg Karneval": "event",
    }
    body = client.get(EVENTS, {"kind": "course"}).json()
    assert [e["name"] for e in body["results"]] == ["Førstehjælp for frivillige"]
    response = client.get(EVENTS, {"kind": "party"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "kind" in response.json()["errors"]


def test_the_back_office_form_sets_the_kind(client, owner, organisation, places, areas):
    client.force_login(owner)
    url = reverse("backoffice:event_create", args=[organisation.slug])
    form_page = client.get(url).content.decode()
    assert 'name="kind"' in form_page
    data = {
        "name": "Kursus i demens",
        "description": "Et kursus for besøgsvenner.",
        "areas": [areas["aeldre"].pk],
        "kind": "course",
        "starts_on": "2030-05-01",
        "ends_on": "2030-05-01",
        "place": places["nibe"].pk,
        "visibility": "public",
        "cancel_hours_before": "24",
        "min_rest_minutes": "0",
    }
    assert client.post(url, data).status_code == 302
    assert Event.objects.get(name="Kursus i demens").kind == EventKind.COURSE
    data.update(name="Uden art", kind="")
    assert client.post(url, data).status_code == 302
    assert Event.objects.get(name="Uden art").kind == EventKind.EVENT
    data.update(name="Forkert art", kind="fest")
    assert client.post(url, data).status_code == 400
