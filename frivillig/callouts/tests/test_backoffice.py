from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from frivillig.accounts.models import PersonalDataRead
from frivillig.callouts import services
from frivillig.callouts.models import CallOut, CallOutStatus, Skill
from frivillig.callouts.tests.conftest import token_of


@pytest.fixture
def nearby(make_volunteer):
    return [
        make_volunteer(
            f"n{n}@example.dk", first_name=f"Nabo{n}", last_name="Nielsen", phone=f"2000000{n}"
        )
        for n in range(3)
    ]


@pytest.fixture
def callout(make_callout, nearby):
    return make_callout(needed=3)


def _form(places, **change):
    starts = timezone.localtime() + timedelta(hours=3)
    data = {
        "title": "Storm: sandsække i Nibe",
        "description": "Vi fylder sække ved havnen.",
        "place": places["nibe"].pk,
        "address": "Havnen 1",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": "",
        "needed": "2",
        "radius_km": "10",
    }
    data.update(change)
    return data


def test_it_previews_how_many_match_and_sends_nothing_before_send(
    english, coordinator, organisation, places, nearby, make_volunteer, bo_url
):
    make_volunteer("hals@example.dk", town="hals")
    english.force_login(coordinator)
    url = bo_url("callout_create", organisation)

    assert english.get(url).status_code == 200
    preview = english.post(url, {**_form(places), "step": "preview"})

    assert preview.status_code == 200
    assert "3 volunteers match" in preview.content.decode()
    assert not CallOut.objects.exists()
    wider = english.post(url, {**_form(places, radius_km="50"), "step": "preview"})
    assert "4 volunteers match" in wider.content.decode()
    skilled = english.post(url, {**_form(places, skills=[Skill.DRIVING]), "step": "preview"})
    assert "0 volunteers match" in skilled.content.decode()


def test_it_sends_the_call_out_and_shows_its_page(
    english, coordinator, organisation, places, nearby, bo_url, django_capture_on_commit_callbacks
):
    english.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(
            bo_url("callout_create", organisation), {**_form(places), "step": "send"}, follow=True
        )

    assert response.status_code == 200
    callout = CallOut.objects.get()
    assert (callout.organisation, callout.created_by, callout.needed) == (
        organisation,
        coordinator,
        2,
    )
    assert "sent to 3 volunteers" in response.content.decode()
    assert len(mail.outbox) == 3


def test_it_keeps_the_values_when_editing_more_and_shows_errors(
    english, owner, organisation, places, bo_url
):
    english.force_login(owner)
    url = bo_url("callout_create", organisation)
    back = english.post(url, {**_form(places), "step": "edit"})
    assert back.status_code == 200
    assert "Storm: sandsække i Nibe" in back.content.decode()

    bad = english.post(url, {**_form(places, needed="0", title=""), "step": "send"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Write what the help is for." in html and 'href="#id_needed"' in html
    assert not CallOut.objects.exists()


def test_it_shows_the_live_count_and_who_said_yes_and_logs_the_read(
    english, coordinator, organisation, callout, nearby, bo_url
):
    services.respond(token=token_of(callout, nearby[0]), accept=True)
    services.respond(token=token_of(callout, nearby[1]), accept=False)
    english.force_login(coordinator)

    response = english.get(bo_url("callout_detail", organisation, callout.pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert "1 of 3 have said yes" in html
    assert 'hx-trigger="every 5s"' in html
    assert "Nabo0 Nielsen" in html and "20000000" in html and "n0@example.dk" in html
    assert "Nabo1" not in html  # a no is counted, not named
    read = PersonalDataRead.objects.get()
    assert (read.staff, read.volunteer, read.what) == (coordinator, nearby[0], "call-out")


def test_it_polls_a_count_without_names_and_says_when_to_reload(
    english, coordinator, organisation, callout, nearby, bo_url
):
    english.force_login(coordinator)
    url = bo_url("callout_live", organisation, callout.pk)
    services.respond(token=token_of(callout, nearby[0]), accept=True)

    fragment = english.get(url, {"shown": "0"}, HTTP_HX_REQUEST="true")

    html = fragment.content.decode()
    assert fragment.status_code == 200
    assert "1 of 3 have said yes" in html and "reload the page" in html
    assert "Nabo0" not in html and "<html" not in html
    assert "reload the page" not in english.get(url, {"shown": "1"}).content.decode()
    assert english.get(url, {"shown": "x"}).status_code == 200
    assert not PersonalDataRead.objects.exists()


def test_it_closes_after_asking(english, owner, organisation, callout, bo_url):
    english.force_login(owner)
    url = bo_url("callout_close", organisation, callout.pk)

    confirm = english.get(url)
    assert confirm.status_code == 200 and "not told automatically" in confirm.content.decode()
    callout.refresh_from_db()
    assert callout.status == CallOutStatus.OPEN

    done = english.post(url, follow=True)
    callout.refresh_from_db()
    assert callout.status == CallOutStatus.CLOSED
    assert "The call-out is closed." in done.content.decode()
    assert "hx-trigger" not in done.content.decode()
    again = english.post(url, follow=True)
    assert "already closed" in again.content.decode()


def test_it_lists_call_outs_with_counts(english, owner, organisation, callout, bo_url):
    english.force_login(owner)
    response = english.get(bo_url("callout_list", organisation))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Storm: sandsække i Nibe i aften" in html and "0 of 3" in html
    assert "<caption>" in html
    assert bo_url("callout_list", organisation) in html  # in the navigation


def test_it_lists_without_a_query_per_row(
    english, owner, organisation, make_callout, bo_url, django_assert_max_num_queries
):
    english.force_login(owner)
    url = bo_url("callout_list", organisation)
    for _ in range(2):
        make_callout()
    with django_assert_max_num_queries(50) as few:
        english.get(url)
    for _ in range(8):
        make_callout()
    with django_assert_max_num_queries(len(few.captured_queries)):
        english.get(url)


def test_it_shows_the_detail_without_a_query_per_person(
    english,
    owner,
    organisation,
    make_callout,
    make_volunteer,
    bo_url,
    django_assert_max_num_queries,
):
    people = [make_volunteer(f"q{n}@example.dk", phone="1234") for n in range(10)]
    few, many = make_callout(needed=10), make_callout(needed=10)
    for person in people[:2]:
        services.respond(token=token_of(few, person), accept=True)
    for person in people:
        services.respond(token=token_of(many, person), accept=True)
    english.force_login(owner)
    with django_assert_max_num_queries(50) as first:
        english.get(bo_url("callout_detail", organisation, few.pk))
    with django_assert_max_num_queries(len(first.captured_queries)):
        english.get(bo_url("callout_detail", organisation, many.pk))


def test_it_shows_a_member_without_manage_events_nothing(
    english, member, organisation, callout, bo_url
):
    english.force_login(member)
    for name, pk in [
        ("callout_list", None),
        ("callout_create", None),
        ("callout_detail", callout.pk),
        ("callout_live", callout.pk),
        ("callout_close", callout.pk),
    ]:
        assert english.get(bo_url(name, organisation, pk)).status_code == 404
    assert english.post(bo_url("callout_close", organisation, callout.pk)).status_code == 404
    dashboard = english.get(bo_url("dashboard", organisation)).content.decode()
    assert bo_url("callout_list", organisation) not in dashboard


def test_it_is_a_404_for_an_outsider(
    english, outsider, organisation, other_organisation, callout, bo_url
):
    english.force_login(outsider)
    assert english.get(bo_url("callout_detail", organisation, callout.pk)).status_code == 404
    # Their own back office with our call-out's id is a 404 too.
    for name in ("callout_detail", "callout_live", "callout_close"):
        assert english.get(bo_url(name, other_organisation, callout.pk)).status_code == 404
    assert english.post(bo_url("callout_close", other_organisation, callout.pk)).status_code == 404
    callout.refresh_from_db()
    assert callout.status == CallOutStatus.OPEN


def test_it_sends_anonymous_visitors_to_log_in(client, organisation, callout, bo_url):
    response = client.get(bo_url("callout_detail", organisation, callout.pk))
    assert response.status_code == 302 and "login" in response["Location"]
