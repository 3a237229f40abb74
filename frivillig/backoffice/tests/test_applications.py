from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frivillig.accounts.models import PersonalDataRead, VolunteerProfile
from frivillig.engagements import services as engagements
from frivillig.engagements.models import Application, ApplicationStatus, Engagement


def _age(application, days):
    Application.objects.filter(pk=application.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )


@pytest.fixture
def applicant(make_user):
    def make(first_name, opportunity, days_ago=0):
        person = make_user(first_name=first_name, last_name="Hansen")
        VolunteerProfile.objects.create(user=person)
        application = engagements.apply(volunteer=person, opportunity=opportunity)
        _age(application, days_ago)
        return application

    return make


def test_it_puts_the_longest_waiting_first_and_flags_them_in_words(
    english, owner, organisation, opportunity, applicant, bo_url
):
    applicant("Frisk", opportunity, days_ago=1)
    applicant("Gammel", opportunity, days_ago=5)
    answered = applicant("Besvaret", opportunity, days_ago=9)
    engagements.decline(application=answered, by=owner, message="Tak")
    english.force_login(owner)
    response = english.get(bo_url("application_list", organisation))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Gammel") < html.index("Frisk") < html.index("Besvaret")
    assert '<span class="badge badge-warning">Unanswered for 5 days</span>' in html
    # Under three days the age is plain text, not a warning.
    assert "Unanswered for 1 day" in html
    assert '<span class="badge badge-warning">Unanswered for 1 day' not in html
    assert "Declined" in html
    assert 'tabindex="0"' in html and "<caption>" in html


def test_it_filters_by_status_and_opportunity(
    english, owner, organisation, opportunity, make_opportunity, applicant, bo_url
):
    other = make_opportunity("Fodbold")
    applicant("Besøger", opportunity)
    applicant("Fodboldspiller", other)
    english.force_login(owner)
    url = bo_url("application_list", organisation)
    html = english.get(url, {"opportunity": other.pk, "status": "pending"}).content.decode()
    assert "Fodboldspiller" in html and "Besøger" not in html
    html = english.get(url, {"status": "accepted"}).content.decode()
    assert "There are no applications to show." in html


def test_it_survives_nonsense_and_foreign_ids_in_the_filter(
    english, owner, organisation, application, other_opportunity, bo_url
):
    english.force_login(owner)
    url = bo_url("application_list", organisation)
    for params in (
        {"opportunity": "abc"},
        {"opportunity": other_opportunity.pk},
        {"status": "nope"},
        {"page": "9999"},
    ):
        response = english.get(url, params)
        assert response.status_code == 200
    html = english.get(url, {"opportunity": other_opportunity.pk}).content.decode()
    assert "Fodboldtræner i Hals" not in html.split('id="id_opportunity"')[0]


def test_it_shows_the_details_and_logs_the_read(english, owner, organisation, application, bo_url):
    english.force_login(owner)
    response = english.get(bo_url("application_detail", organisation, application.pk))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Vera Frivillig",
        "frivillig@example.dk",
        "87 65 43 21",
        "Jeg vil gerne hjælpe",
        "Tirsdage",
    ):
        assert text in html
    read = PersonalDataRead.objects.get()
    assert (read.staff, read.volunteer, read.organisation, read.what) == (
        owner,
        application.volunteer,
        organisation,
        "application",
    )


def test_it_accepts_and_sends_a_welcome_with_the_contact_person(
    english, owner, organisation, application, bo_url, django_capture_on_commit_callbacks
):
    english.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(bo_url("application_accept", organisation, application.pk))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    assert Engagement.objects.filter(application=application).exists()
    welcome = next(m for m in mail.outbox if m.to == ["frivillig@example.dk"])
    assert "Karen Kontakt" in welcome.body


def test_it_answers_a_double_click_with_a_message_not_an_error(
    english, owner, organisation, application, bo_url
):
    english.force_login(owner)
    english.post(bo_url("application_accept", organisation, application.pk))
    again = english.post(bo_url("application_accept", organisation, application.pk), follow=True)
    assert again.status_code == 200
    assert "already been answered" in again.content.decode()
    assert Engagement.objects.count() == 1
    decline = english.post(
        bo_url("application_decline", organisation, application.pk), {"message": "Nej"}, follow=True
    )
    assert decline.status_code == 200
    assert "already been answered" in decline.content.decode()


def test_it_declines_with_a_kind_message_that_can_be_edited(
    english, owner, organisation, application, bo_url, django_capture_on_commit_callbacks
):
    english.force_login(owner)
    url = bo_url("application_decline", organisation, application.pk)
    form = english.get(url)
    assert form.status_code == 200
    assert "Thank you for your interest in “Besøgsven i Nibe”" in form.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(url, {"message": "Vi har fundet en anden denne gang."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    letter = next(m for m in mail.outbox if m.to == ["frivillig@example.dk"])
    assert "Vi har fundet en anden denne gang." in letter.body


def test_it_asks_for_a_message_before_declining(english, owner, organisation, application, bo_url):
    english.force_login(owner)
    response = english.post(
        bo_url("application_decline", organisation, application.pk), {"message": " "}
    )
    assert response.status_code == 400
    assert "Write a message to the volunteer." in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_it_sends_a_question_and_keeps_the_application_open(
    english, owner, organisation, application, bo_url, django_capture_on_commit_callbacks
):
    english.force_login(owner)
    url = bo_url("application_question", organisation, application.pk)
    assert english.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        english.post(url, {"question": "Har du kørekort?"})
    application.refresh_from_db()
    assert application.question == "Har du kørekort?"
    assert application.status == ApplicationStatus.PENDING
    assert any("Har du kørekort?" in m.body for m in mail.outbox)


def test_it_lets_a_member_read_but_not_answer(english, member, organisation, application, bo_url):
    english.force_login(member)
    assert english.get(bo_url("application_list", organisation)).status_code == 200
    detail = english.get(bo_url("application_detail", organisation, application.pk))
    assert detail.status_code == 200
    assert bo_url("application_accept", organisation, application.pk) not in detail.content.decode()
    for name in ("application_accept", "application_decline", "application_question"):
        url = bo_url(name, organisation, application.pk)
        assert english.post(url, {"message": "x", "question": "x"}).status_code == 404
    assert (
        english.get(bo_url("application_decline", organisation, application.pk)).status_code == 404
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def test_it_answers_an_outsider_with_404_and_logs_nothing(
    client, outsider, organisation, application, bo_url
):
    client.force_login(outsider)
    assert client.get(bo_url("application_list", organisation)).status_code == 404
    assert client.get(bo_url("application_detail", organisation, application.pk)).status_code == 404
    assert not PersonalDataRead.objects.exists()


def test_it_does_not_find_another_organisations_application(
    client, owner, organisation, other_application, bo_url
):
    client.force_login(owner)
    for name in ("application_detail", "application_decline", "application_question"):
        assert client.get(bo_url(name, organisation, other_application.pk)).status_code == 404
    assert (
        client.post(bo_url("application_accept", organisation, other_application.pk)).status_code
        == 404
    )
    other_application.refresh_from_db()
    assert other_application.status == ApplicationStatus.PENDING


def test_it_shows_a_unit_coordinator_the_applications_of_an_organisation_below(
    english, unit, unit_coordinator, organisation, application, bo_url
):
    english.force_login(unit_coordinator)
    html = english.get(bo_url("application_list", unit)).content.decode()
    assert "Vera Frivillig" in html
    assert "Ældresagen Nibe" in html  # the organisation column, as there are several
    assert english.get(bo_url("application_detail", unit, application.pk)).status_code == 200
    assert english.get(bo_url("application_list", organisation)).status_code == 200


def test_it_does_not_let_a_child_see_the_unit_above(client, owner, unit, organisation, bo_url):
    client.force_login(owner)
    assert client.get(bo_url("application_list", unit)).status_code == 404


def _inbox_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_it_reads_the_inbox_in_the_same_number_of_queries_for_5_and_30(
    english, owner, organisation, opportunity, applicant, bo_url
):
    english.force_login(owner)
    url = bo_url("application_list", organisation)
    for i in range(5):
        applicant(f"Person{i}", opportunity, days_ago=i)
    few = _inbox_queries(english, url)
    for i in range(5, 30):
        applicant(f"Person{i}", opportunity, days_ago=i % 9)
    many = _inbox_queries(english, url)
    assert few == many


def test_it_pages_a_long_inbox_and_keeps_the_filter(
    english, owner, organisation, opportunity, applicant, bo_url
):
    for i in range(51):
        applicant(f"Person{i}", opportunity)
    english.force_login(owner)
    url = bo_url("application_list", organisation)
    first = english.get(url, {"status": "pending"}).content.decode()
    assert "Page 1 of 2" in first
    assert "?status=pending&amp;page=2" in first
    second = english.get(url, {"status": "pending", "page": "2"}).content.decode()
    assert "Page 2 of 2" in second and "Previous page" in second
