"""An association asks to join on the public form; the central office reviews the request at
/kommune/organisationer/ansoegninger/ and approves, rejects or asks a question, which the
association answers through a secret link."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frivillig.organisations import onboarding
from frivillig.organisations.models import (
    Membership,
    Organisation,
    OrganisationRequest,
    RequestStatus,
    Role,
)
from frivillig.organisations.services import add_member

CVR = "29189420"
CVRS = [
    "29189420",
    "12345674",
    "10000009",
    "10000017",
    "10000025",
    "10000033",
    "10000041",
    "10000068",
    "10000076",
    "10000084",
    "10000092",
    "10000106",
]


@pytest.fixture
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def make_request(areas, places):
    def make(cvr=CVR, **fields):
        values = {
            "name": "Nibe Besøgsvenner",
            "cvr": cvr,
            "contact_name": "Bente Besøg",
            "contact_email": "bente@example.dk",
            "description": "Vi besøger ældre i Nibe.",
            "areas": [areas["aeldre"], areas["boern"]],
            "place": places["nibe"],
            "language": "en",
        }
        values.update(fields)
        return onboarding.submit_request(**values)

    return make


@pytest.fixture
def join_request(make_request):
    return make_request()


def url(name, join_request=None):
    args = [join_request.pk] if join_request is not None else []
    return reverse(f"coordination:{name}", args=args)


def form_data(areas, places, **fields):
    data = {
        "name": "Hals Strandrensere",
        "cvr": "12 34 56 74",
        "contact_name": "Sofie Strand",
        "contact_email": "sofie@example.dk",
        "contact_phone": "+45 20 30 40 50",
        "areas": [areas["groenne-omraader"].pk],
        "place": places["hals"].pk,
        "description": "Vi samler affald på stranden hver måned.",
    }
    data.update(fields)
    return data


# --- The public form -------------------------------------------------------------------------


def test_it_is_linked_from_the_organisations_page(english, db):
    response = english.get(reverse("portal:organisations"))
    assert reverse("portal:onboarding") in response.content.decode()


def test_it_takes_a_request_from_anyone(
    english, areas, places, office_staff, django_capture_on_commit_callbacks
):
    page = english.get(reverse("portal:onboarding"))
    assert page.status_code == 200
    assert 'type="tel"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(reverse("portal:onboarding"), form_data(areas, places))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:onboarding_done")
    join_request = OrganisationRequest.objects.get()
    assert join_request.cvr == "12345674"
    assert join_request.language == "en"
    assert join_request.submitted_by is None
    assert sorted(m.to[0] for m in mail.outbox) == ["kontor@example.dk", "sofie@example.dk"]
    done = english.get(response["Location"])
    assert "sofie@example.dk" in done.content.decode()


def test_it_fills_in_the_contact_for_a_signed_in_user(english, areas, places, make_user):
    user = make_user("lise@example.dk", first_name="Lise", last_name="Leder")
    english.force_login(user)
    page = english.get(reverse("portal:onboarding")).content.decode()
    assert 'value="lise@example.dk"' in page
    assert 'value="Lise Leder"' in page
    english.post(reverse("portal:onboarding"), form_data(areas, places))
    assert OrganisationRequest.objects.get().submitted_by == user


def test_it_keeps_what_was_typed_when_the_cvr_is_wrong(english, areas, places):
    response = english.post(reverse("portal:onboarding"), form_data(areas, places, cvr="12345678"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "12345678 is not a valid CVR number" in html
    assert 'value="Hals Strandrensere"' in html
    assert "Vi samler affald på stranden" in html
    assert re.search(rf'value="{areas["groenne-omraader"].pk}"[^>]*checked', html)
    assert not OrganisationRequest.objects.exists()


def test_it_says_clearly_when_the_cvr_already_asked(english, areas, places, make_request):
    make_request(cvr="12345674")
    response = english.post(reverse("portal:onboarding"), form_data(areas, places))
    assert response.status_code == 400
    assert "CVR number 12345674 has already asked to join" in response.content.decode()
    assert 'value="Hals Strandrensere"' in response.content.decode()
    assert OrganisationRequest.objects.count() == 1


def test_it_asks_for_the_missing_fields(english, db):
    response = english.post(reverse("portal:onboarding"), {})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose at least one area." in html
    assert "Please check what you wrote" in html


def test_it_sends_the_receipt_page_back_to_the_form_without_a_request(english, db):
    response = english.get(reverse("portal:onboarding_done"))
    assert response.status_code == 302


# --- The office's review ---------------------------------------------------------------------


def test_it_shows_the_office_the_requests_open_first(english, office_staff, make_request):
    decided = make_request(cvr=CVRS[0], name="Afgjort Forening")
    onboarding.reject(join_request=decided, by=office_staff, reason="Nej")
    make_request(cvr=CVRS[1], name="Ventende Forening")
    english.force_login(office_staff)
    response = english.get(url("onboarding"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Ventende Forening") < html.index("Afgjort Forening")
    assert "1 request awaits an answer." in html


def test_it_lists_requests_without_a_query_per_row(english, office_staff, make_request):
    english.force_login(office_staff)
    make_request(cvr=CVRS[0], name="Forening 0")
    make_request(cvr=CVRS[1], name="Forening 1")
    with CaptureQueriesContext(connection) as two:
        english.get(url("onboarding"))
    for n, cvr in enumerate(CVRS[2:], start=2):
        make_request(cvr=cvr, name=f"Forening {n}")
    with CaptureQueriesContext(connection) as twelve:
        response = english.get(url("onboarding"))
    assert "Forening 11" in response.content.decode()
    assert len(twelve) == len(two)


@pytest.mark.parametrize("persona", ["unit_coordinator", "owner", "outsider"])
def test_it_hides_the_review_from_everyone_but_the_office(english, join_request, persona, request):
    english.force_login(request.getfixturevalue(persona))
    for name in ("onboarding", "onboarding_detail"):
        target = url(name, join_request if name != "onboarding" else None)
        assert english.get(target).status_code == 404
    for name in ("onboarding_approve", "onboarding_reject", "onboarding_question"):
        assert english.post(url(name, join_request), {"reason": "x"}).status_code == 404
    join_request.refresh_from_db()
    assert join_request.status == RequestStatus.SUBMITTED


def test_it_sends_a_stranger_to_log_in(english, join_request):
    response = english.post(url("onboarding_approve", join_request))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Organisation.objects.filter(name="Nibe Besøgsvenner").exists()


def test_it_lets_an_office_viewer_read_but_not_decide(
    english, join_request, make_user, volunteer_office
):
    viewer = make_user("kontorlaeser@example.dk")
    add_member(organisation=volunteer_office, user=viewer, role=Role.VIEWER)
    english.force_login(viewer)
    page = english.get(url("onboarding_detail", join_request))
    assert page.status_code == 200
    assert "Approve the association" not in page.content.decode()
    assert english.post(url("onboarding_approve", join_request)).status_code == 404
    join_request.refresh_from_db()
    assert join_request.status == RequestStatus.SUBMITTED


def test_it_shows_the_whole_request(english, office_staff, join_request):
    english.force_login(office_staff)
    html = english.get(url("onboarding_detail", join_request)).content.decode()
    for text in (
        "Nibe Besøgsvenner",
        CVR,
        "Bente Besøg",
        "bente@example.dk",
        "Nibe",
        "Older people",
    ):
        assert text in html
    assert "Approve the association" in html


def test_it_approves_and_opens_the_back_office(
    english, office_staff, join_request, make_user, django_capture_on_commit_callbacks
):
    contact = make_user("bente@example.dk")
    english.force_login(office_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(url("onboarding_approve", join_request), follow=True)
    assert response.status_code == 200
    assert "is approved" in response.content.decode()
    organisation = Organisation.objects.get(name="Nibe Besøgsvenner")
    assert organisation.is_approved
    assert Membership.objects.filter(organisation=organisation, user=contact, role=Role.ADMIN)
    english.force_login(contact)
    dashboard = english.get(reverse("backoffice:dashboard", args=[organisation.slug]))
    assert dashboard.status_code == 200


def test_it_refuses_a_second_approval_kindly(english, office_staff, join_request):
    english.force_login(office_staff)
    english.post(url("onboarding_approve", join_request))
    response = english.post(url("onboarding_approve", join_request), follow=True)
    assert "already been decided" in response.content.decode()
    assert Organisation.objects.filter(name="Nibe Besøgsvenner").count() == 1


def test_it_rejects_with_a_reason_and_keeps_it_when_missing(
    english, office_staff, join_request, django_capture_on_commit_callbacks
):
    english.force_login(office_staff)
    response = english.post(url("onboarding_reject", join_request), {"reason": ""})
    assert response.status_code == 400
    assert "Write the reason" in response.content.decode()
    response = english.post(url("onboarding_question", join_request), {"question": ""})
    assert response.status_code == 400
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        english.post(url("onboarding_reject", join_request), {"reason": "Ikke i kommunen."})
    join_request.refresh_from_db()
    assert join_request.status == RequestStatus.REJECTED
    assert "Ikke i kommunen." in mail.outbox[0].body


def test_it_asks_a_question_and_gets_the_answer_through_the_link(
    english, office_staff, join_request, django_capture_on_commit_callbacks
):
    english.force_login(office_staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        english.post(url("onboarding_question", join_request), {"question": "Har I vedtægter?"})
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/ny-organisation/svar/" in line
    )
    answer_path = link[link.index("/ny-organisation/") :].strip()

    english.logout()  # the requester has no account
    page = english.get(answer_path)
    assert page.status_code == 200
    assert "Har I vedtægter?" in page.content.decode()
    empty = english.post(answer_path, {"answer": ""})
    assert empty.status_code == 400
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        done = english.post(answer_path, {"answer": "Ja, de ligger på hjemmesiden."})
    assert done.status_code == 200
    assert "Thank you for your answer" in done.content.decode()
    assert mail.outbox[0].to == ["kontor@example.dk"]
    join_request.refresh_from_db()
    assert join_request.status == RequestStatus.SUBMITTED

    again = english.get(answer_path)
    assert again.status_code == 404
    assert "no longer valid" in again.content.decode()

    english.force_login(office_staff)
    detail = english.get(url("onboarding_detail", join_request)).content.decode()
    assert "Ja, de ligger på hjemmesiden." in detail


def test_it_gives_an_unknown_answer_link_a_kind_404(english, db):
    response = english.get(reverse("portal:onboarding_answer", args=["gaet-et-token"]))
    assert response.status_code == 404
    assert "The link does not work" in response.content.decode()
