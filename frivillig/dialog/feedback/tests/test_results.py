"""Results per group, withheld below 5 answers: in the queries, the back office, /kommune/
and the organisation's API."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from frivillig.dialog.feedback import queries
from frivillig.dialog.feedback.models import FeedbackAnswer, FeedbackKind
from frivillig.organisations.models import OrganisationKind
from frivillig.organisations.services import create_organisation


def _da(msgid: str) -> str:
    # The page's text in Danish (the default language), from the translations.
    with translation.override("da"):
        return str(translation.gettext(msgid))


NOTE = _da("Fewer than 5 answers: results are shown from 5 answers, so nobody can be recognised")


def _results_url(organisation):
    return reverse("backoffice:feedback_results", args=[organisation.slug])


def test_four_answers_show_no_figures(organisation, make_answers):
    make_answers(organisation, 4)
    answers = FeedbackAnswer.objects.all()
    total = queries.total(answers)
    assert total.suppressed and total.answers is None and total.average is None
    assert queries.comments(answers) is None
    assert all(r.suppressed for r in queries.by_kind(answers) + queries.by_area(answers))


def test_five_answers_show_the_figures(organisation, make_answers):
    make_answers(organisation, 5)
    answers = FeedbackAnswer.objects.all()
    total = queries.total(answers)
    assert (total.answers, total.average, total.recommend_percent) == (5, 4.0, 80)
    assert len(queries.comments(answers)) == 5
    [area] = queries.by_area(answers)
    assert (area.key, area.answers) == ("aeldre", 5)


def test_each_group_is_judged_on_its_own(organisation, make_answers):
    make_answers(organisation, 5, kind=FeedbackKind.ENGAGEMENT)
    make_answers(organisation, 2, kind=FeedbackKind.EVENT, area="boern")
    answers = FeedbackAnswer.objects.all()
    kinds = {r.key: r for r in queries.by_kind(answers)}
    assert kinds["engagement"].answers == 5 and kinds["event"].suppressed
    areas = {r.key: r for r in queries.by_area(answers)}
    assert areas["aeldre"].answers == 5 and areas["boern"].suppressed


# Back office -----------------------------------------------------------------------------


def test_the_owner_sees_figures_and_texts_from_5_answers(client, owner, organisation, make_answers):
    make_answers(organisation, 5, text="Rigtig god <script>alert(1)</script>")
    client.force_login(owner)
    response = client.get(_results_url(organisation))
    html = response.content.decode()
    assert response.status_code == 200
    assert _da("Feedback from volunteers") in html
    assert NOTE not in html
    assert "80 %" in html
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    # The month, never the day or a name.
    assert "frivillig@example.dk" not in html


def test_the_owner_sees_the_note_with_4_answers(client, owner, organisation, make_answers):
    make_answers(organisation, 4, text="Hemmelig kommentar")
    client.force_login(owner)
    html = client.get(_results_url(organisation)).content.decode()
    assert NOTE in html
    assert "Hemmelig kommentar" not in html


def test_a_viewer_may_read_the_results(client, member, organisation):
    client.force_login(member)
    assert client.get(_results_url(organisation)).status_code == 200


def test_the_results_include_the_organisations_below(client, owner, organisation, make_answers):
    below = create_organisation(
        name="Nibe Besøgsvenner, Haverslev",
        kind=OrganisationKind.ASSOCIATION,
        is_approved=True,
        parent=organisation,
    )
    make_answers(below, 5)
    client.force_login(owner)
    html = client.get(_results_url(organisation)).content.decode()
    assert "Nibe Besøgsvenner, Haverslev" in html and NOTE not in html


def test_an_outsider_and_a_stranger_cannot_see_the_results(client, outsider, organisation):
    response = client.get(_results_url(organisation))
    assert response.status_code == 302
    client.force_login(outsider)
    assert client.get(_results_url(organisation)).status_code == 404


def test_another_organisations_answers_stay_out(
    client, owner, organisation, other_organisation, make_answers
):
    make_answers(other_organisation, 6, text="Fra Hals")
    client.force_login(owner)
    html = client.get(_results_url(organisation)).content.decode()
    assert "Fra Hals" not in html and "Hals Idrætsforening" not in html


def test_the_back_office_page_costs_the_same_for_2_and_10_organisations(
    client, owner, organisation, make_answers
):
    def count():
        client.force_login(owner)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_results_url(organisation)).status_code == 200
        return len(ctx)

    def add(n):
        for i in range(n):
            below = create_organisation(
                name=f"Afdeling {FeedbackAnswer.objects.count()}-{i}",
                kind=OrganisationKind.ASSOCIATION,
                is_approved=True,
                parent=organisation,
            )
            make_answers(below, 5)

    add(2)
    few = count()
    add(8)
    assert count() == few


# /kommune/ -------------------------------------------------------------------------------


def test_the_office_sees_every_organisation_and_area(
    client, office_staff, organisation, other_organisation, make_answers
):
    make_answers(organisation, 5)
    make_answers(other_organisation, 3, area="boern")
    client.force_login(office_staff)
    response = client.get(reverse("coordination:feedback"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ældresagen Nibe" in html and "Hals Idrætsforening" in html
    assert "Ældre" in html and "Børn" in html
    assert NOTE in html  # Hals and Børn have 3 answers


def test_a_unit_coordinator_sees_only_their_part(
    client, unit_coordinator, municipal_unit, organisation, make_answers
):
    make_answers(organisation, 5)
    client.force_login(unit_coordinator)
    html = client.get(reverse("coordination:feedback")).content.decode()
    assert "Ældresagen Nibe" not in html


def test_kommune_feedback_is_404_for_an_association_and_a_login_for_a_stranger(client, outsider):
    response = client.get(reverse("coordination:feedback"))
    assert response.status_code == 302
    client.force_login(outsider)
    assert client.get(reverse("coordination:feedback")).status_code == 404
