"""The volunteer's profile: what they tell about themselves, their way."""

import pytest
from django.utils import timezone

from frivillig.accounts import services
from frivillig.accounts.models import VolunteerProfile

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
URL = "/konto/profil/"


@pytest.fixture
def form_data(areas, places):
    return {
        "first_name": "Vera",
        "last_name": "Frivillig",
        "phone": "12 34 56 78",
        "postal_code": "9240",
        "birth_year": "1990",
        "interests": [areas["aeldre"].pk, areas["boern"].pk],
        "available_evenings": "on",
        "wants_recurring": "on",
        "languages": "Dansk, engelsk",
        "skills": "Førstehjælp og kørekort",
        "has_driving_licence": "on",
        "language": "en",
    }


def test_it_shows_the_profile_with_what_is_already_known(client, volunteer, places):
    client.force_login(volunteer)
    response = client.get(URL, **EN)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert 'value="frivillig@example.dk" readonly' in html  # changed on the e-mail page
    assert 'href="/konto/email/"' in html
    assert 'value="9000"' in html
    assert 'value="1990"' in html
    assert "CPR" in html  # the page says it never asks for one


def test_it_saves_the_profile(client, volunteer, form_data, areas):
    client.force_login(volunteer)
    response = client.post(URL, form_data, **EN)
    assert response.status_code == 302
    assert response.url == URL
    assert "Your profile has been saved." in client.get(URL, **EN).content.decode()
    profile = VolunteerProfile.objects.get(user=volunteer)
    assert profile.postal_code == "9240"
    assert profile.birth_year == 1990
    assert set(profile.interests.all()) == {areas["aeldre"], areas["boern"]}
    assert profile.available_evenings and not profile.available_weekdays
    assert profile.wants_recurring and not profile.wants_one_off
    assert profile.has_driving_licence
    assert profile.open_to_contact is False  # off unless the person turns it on
    assert profile.language == "en"


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"postal_code": "2100"}, "postal_code", "We do not know the postal code 2100"),
        ({"postal_code": "abc"}, "postal_code", "four digits"),
        ({"birth_year": "1800"}, "birth_year", "between 1900"),
        ({"birth_year": str(timezone.localdate().year + 1)}, "birth_year", "between 1900"),
        ({"birth_year": "ti"}, "birth_year", "the year you were born"),
        ({"skills": "x" * 10_000}, "skills", "at most 1000 characters"),
        ({"phone": "ring til mig"}, "phone", "phone number"),
        ({"language": "sv"}, "language", "Select a valid choice"),
        ({"interests": ["999999"]}, "interests", "Select a valid choice"),
    ],
)
def test_it_explains_bad_input_and_keeps_what_was_typed(
    client, volunteer, form_data, change, field, message
):
    client.force_login(volunteer)
    response = client.post(URL, {**form_data, **change}, **EN)
    html = response.content.decode()
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert message in html
    assert 'id="form-errors"' in html
    assert f'href="#id_{field}' in html
    assert 'value="Dansk, engelsk"' in html  # what was typed elsewhere is kept
    if field in ("skills", "postal_code", "birth_year", "phone"):
        assert str(change[field]) in html
    # nothing was saved
    profile = VolunteerProfile.objects.get(user=volunteer)
    assert (profile.postal_code, profile.birth_year, profile.skills) == ("9000", 1990, "")


def test_it_asks_anonymous_visitors_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == f"/konto/login/?next={URL}"


def test_it_makes_a_profile_for_someone_who_has_none(client, make_user, places):
    person = make_user("uden-profil@example.dk")
    client.force_login(person)
    assert client.get(URL).status_code == 200
    assert VolunteerProfile.objects.filter(user=person).exists()


def test_the_service_refuses_what_the_form_would(volunteer, places):
    with pytest.raises(services.ProfileError) as error:
        services.update_profile(user=volunteer, postal_code="2100", skills="Svømning")
    assert error.value.field == "postal_code"
    assert VolunteerProfile.objects.get(user=volunteer).skills == ""
    with pytest.raises(services.ProfileError):
        services.update_profile(user=volunteer, birth_year=1800)
    with pytest.raises(services.ProfileError):
        services.update_profile(user=volunteer, skills="x" * 1001)
    with pytest.raises(TypeError):
        services.update_profile(user=volunteer, cpr="0101901234")


def test_the_service_saves_names_and_profile_together(volunteer, places, areas):
    services.update_profile(
        user=volunteer, first_name=" Vibe ", postal_code="9400", interests=[areas["beredskab"]]
    )
    volunteer.refresh_from_db()
    assert volunteer.first_name == "Vibe"
    assert volunteer.profile.postal_code == "9400"
    assert list(volunteer.profile.interests.all()) == [areas["beredskab"]]
