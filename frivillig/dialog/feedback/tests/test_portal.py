"""The volunteer's surveys on Min side: the list, answering once, and nobody else's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from frivillig.dialog.feedback import queries
from frivillig.dialog.feedback.models import FeedbackAnswer


def _da(msgid: str) -> str:
    with translation.override("da"):
        return str(translation.gettext(msgid))


def _answer_url(request):
    return reverse("portal:feedback_answer", args=[request.pk])


def test_the_volunteer_sees_open_requests_and_the_count(client, volunteer, make_request):
    request = make_request(volunteer, title="Besøgsven i Nibe")
    client.force_login(volunteer)
    html = client.get(reverse("portal:my_feedback")).content.decode()
    assert "Besøgsven i Nibe" in html and _answer_url(request) in html
    assert queries.open_request_count(volunteer) == 1


def test_the_volunteer_answers_once(client, volunteer, make_request):
    request = make_request(volunteer)
    client.force_login(volunteer)
    assert client.get(_answer_url(request)).status_code == 200
    response = client.post(
        _answer_url(request), {"satisfaction": "5", "would_recommend": "yes", "text": "Godt"}
    )
    assert response.status_code == 302
    answer = FeedbackAnswer.objects.get()
    assert (answer.satisfaction, answer.would_recommend, answer.text) == (5, True, "Godt")
    assert queries.open_request_count(volunteer) == 0
    # A second time is refused kindly, and nothing more is stored.
    again = client.post(
        _answer_url(request), {"satisfaction": "1", "would_recommend": "no"}, follow=True
    )
    assert _da("You have already answered this one. Thank you for your feedback!") in (
        again.content.decode()
    )
    assert FeedbackAnswer.objects.count() == 1
    page = client.get(_answer_url(request)).content.decode()
    assert _da("Thank you for your feedback") in page


@pytest.mark.parametrize(
    "data, field",
    [
        ({}, "satisfaction"),
        ({"satisfaction": "9", "would_recommend": "yes"}, "satisfaction"),
        ({"satisfaction": "3"}, "would_recommend"),
        ({"satisfaction": "3", "would_recommend": "yes", "text": "x" * 10_000}, "text"),
    ],
)
def test_bad_input_is_explained_and_kept(client, volunteer, make_request, data, field):
    request = make_request(volunteer)
    client.force_login(volunteer)
    response = client.post(_answer_url(request), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert 'id="form-errors"' in response.content.decode()
    assert not FeedbackAnswer.objects.exists()


def test_html_in_a_comment_is_stored_as_text_and_never_run(client, volunteer, make_request):
    request = make_request(volunteer)
    client.force_login(volunteer)
    response = client.post(
        _answer_url(request),
        {"satisfaction": "2", "would_recommend": "no", "text": "x" * 2001 + "<script>x</script>"},
    )
    assert "<script>x</script>" not in response.content.decode()
    client.post(
        _answer_url(request),
        {"satisfaction": "2", "would_recommend": "no", "text": "<script>alert(1)</script>"},
    )
    assert FeedbackAnswer.objects.get().text == "<script>alert(1)</script>"


def test_someone_elses_request_is_404_and_a_stranger_must_log_in(
    client, volunteer, make_user, make_request
):
    request = make_request(volunteer)
    for url in (_answer_url(request), reverse("portal:my_feedback")):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(make_user())
    assert client.get(_answer_url(request)).status_code == 404
    assert client.post(_answer_url(request), {"satisfaction": "5"}).status_code == 404
    assert "Besøgsven" not in client.get(reverse("portal:my_feedback")).content.decode()


def test_the_list_costs_the_same_for_2_and_10_requests(client, volunteer, make_request):
    client.force_login(volunteer)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("portal:my_feedback")).status_code == 200
        return len(ctx)

    for _ in range(2):
        make_request(volunteer)
    few = count()
    for _ in range(8):
        make_request(volunteer)
    assert count() == few
