import pytest
from django.urls import reverse

from frivillig.callouts import services
from frivillig.callouts.models import Answer, CallOutPreference, CallOutStatus, Skill
from frivillig.callouts.tests.conftest import token_of


@pytest.fixture
def people(make_volunteer):
    return [
        make_volunteer(
            f"p{n}@example.dk", first_name=f"Person{n}", last_name="Hemmelig", phone="99887766"
        )
        for n in range(3)
    ]


@pytest.fixture
def callout(make_callout, people):
    return make_callout(needed=2)


def _url(callout, person):
    return reverse("portal:callout_respond", args=[token_of(callout, person)])


def test_it_shows_the_call_out_to_the_link_holder_without_log_in(english, callout, people):
    response = english.get(_url(callout, people[0]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Storm: sandsække i Nibe i aften" in html and "Havnen 1, Nibe" in html
    assert "2 people" in html  # still needed
    assert 'value="accept"' in html and 'value="decline"' in html
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_it_never_shows_anyone_elses_data(english, callout, people):
    services.respond(token=token_of(callout, people[1]), accept=True)

    html = english.get(_url(callout, people[0])).content.decode()

    for secret in (
        "Hemmelig",
        "Person1",
        "p1@example.dk",
        "99887766",
        token_of(callout, people[1]),
    ):
        assert secret not in html
    assert "1 person" in html


def test_it_takes_a_yes_and_counts_it(english, callout, people):
    response = english.post(_url(callout, people[0]), {"answer": "accept"}, follow=True)

    html = response.content.decode()
    assert "You have said yes" in html and "Withdraw my yes" in html
    callout.refresh_from_db()
    assert callout.accepted_count == 1


def test_it_thanks_later_people_when_enough_have_said_yes(english, callout, people):
    for person in people[:2]:
        english.post(_url(callout, person), {"answer": "accept"})
    callout.refresh_from_db()
    assert callout.status == CallOutStatus.FILLED

    page = english.get(_url(callout, people[2])).content.decode()
    assert "Thank you — enough people have said yes" in page
    assert 'value="accept"' not in page
    late = english.post(_url(callout, people[2]), {"answer": "accept"}, follow=True)
    assert "enough people have said yes" in late.content.decode()
    callout.refresh_from_db()
    assert callout.accepted_count == 2


def test_it_lets_a_yes_be_withdrawn_which_reopens_the_call_out(english, callout, people):
    for person in people[:2]:
        english.post(_url(callout, person), {"answer": "accept"})

    response = english.post(_url(callout, people[0]), {"answer": "decline"}, follow=True)

    assert "your place is free" in response.content.decode()
    callout.refresh_from_db()
    assert (callout.accepted_count, callout.status) == (1, CallOutStatus.OPEN)
    assert 'value="accept"' in english.get(_url(callout, people[2])).content.decode()


def test_it_takes_a_no(english, callout, people):
    response = english.post(_url(callout, people[0]), {"answer": "decline"}, follow=True)
    assert "Thank you for answering" in response.content.decode()
    assert callout.responses.get(volunteer=people[0]).answer == Answer.DECLINED


def test_it_tells_that_a_closed_call_out_needs_no_more_help(english, callout, people):
    services.close(callout=callout)
    html = english.get(_url(callout, people[0])).content.decode()
    assert "no more help is needed" in html and 'value="accept"' not in html
    english.post(_url(callout, people[0]), {"answer": "accept"})
    assert callout.responses.get(volunteer=people[0]).answer == Answer.PENDING


def test_it_ignores_an_unknown_answer(english, callout, people):
    response = english.post(_url(callout, people[0]), {"answer": "maybe"})
    assert response.status_code == 302
    assert callout.responses.get(volunteer=people[0]).answer == Answer.PENDING


def test_it_is_a_404_for_an_unknown_token(english, db):
    url = reverse("portal:callout_respond", args=["findes-ikke"])
    assert english.get(url).status_code == 404
    assert english.post(url, {"answer": "accept"}).status_code == 404


# Preferences on "Min side" -------------------------------------------------------------------


def test_it_asks_for_log_in_before_preferences(client, db):
    response = client.get(reverse("portal:callout_preferences"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_it_lets_a_volunteer_opt_in_with_town_and_skills(english, volunteer, places):
    english.force_login(volunteer)
    url = reverse("portal:callout_preferences")
    assert english.get(url).status_code == 200

    response = english.post(
        url,
        {"opted_in": "on", "place": places["hals"].pk, "skills": [Skill.DRIVING, Skill.FIRST_AID]},
        follow=True,
    )

    preference = CallOutPreference.objects.get(user=volunteer)
    assert preference.opted_in and preference.place == places["hals"]
    assert preference.skill_list == [Skill.DRIVING, Skill.FIRST_AID]
    html = response.content.decode()
    assert "We will e-mail you" in html and "You get call-outs near Hals." in html


def test_it_uses_the_profile_postal_code_when_no_town_is_chosen(english, volunteer, places):
    english.force_login(volunteer)  # postal code 9000 in the profile
    response = english.post(reverse("portal:callout_preferences"), {"opted_in": "on"}, follow=True)
    assert "You get call-outs near Aalborg C." in response.content.decode()


def test_it_lets_a_volunteer_opt_out_in_one_step(english, volunteer, places):
    english.force_login(volunteer)
    url = reverse("portal:callout_preferences")
    english.post(url, {"opted_in": "on"})
    response = english.post(url, {}, follow=True)
    assert not CallOutPreference.objects.get(user=volunteer).opted_in
    assert "We will not e-mail you" in response.content.decode()


def test_it_refuses_an_unknown_town(english, volunteer):
    english.force_login(volunteer)
    response = english.post(
        reverse("portal:callout_preferences"), {"opted_in": "on", "place": "999999"}
    )
    assert response.status_code == 400
    assert not CallOutPreference.objects.exists()


def test_it_links_to_the_preferences_from_my_page(english, volunteer):
    english.force_login(volunteer)
    html = english.get(reverse("portal:my_page")).content.decode()
    assert reverse("portal:callout_preferences") in html
