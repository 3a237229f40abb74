"""The volunteer's copy of their data and the deletion of their account, as services."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import models

from frivillig.accounts import privacy
from frivillig.accounts.models import PersonalDataRead, VolunteerProfile
from frivillig.engagements import services
from frivillig.engagements.models import (
    Application,
    ApplicationStatus,
    Engagement,
    EngagementStatus,
)
from frivillig.organisations.models import Membership


@pytest.fixture
def stranger(make_user):
    user = make_user("fremmed@example.dk", first_name="Frede", last_name="Fremmed")
    VolunteerProfile.objects.create(user=user, postal_code="9400")
    return user


@pytest.fixture
def story(make_opportunity, areas, volunteer, stranger, coordinator, owner, organisation):
    volunteer.profile.interests.set([areas["aeldre"], areas["boern"]])
    volunteer.profile.phone = "11 22 33 44"
    volunteer.profile.save()
    shared = make_opportunity("Vågekone")
    pending = services.apply(volunteer=volunteer, opportunity=make_opportunity("Lektiehjælp"))
    engagement = services.accept(
        application=services.apply(volunteer=volunteer, opportunity=shared), by=coordinator
    )
    theirs = services.apply(volunteer=stranger, opportunity=shared, message="Fremmed besked")
    PersonalDataRead.objects.create(
        staff=owner, volunteer=volunteer, organisation=organisation, what="application"
    )
    PersonalDataRead.objects.create(
        staff=owner, volunteer=stranger, organisation=organisation, what="application"
    )
    return {"pending": pending, "engagement": engagement, "theirs": theirs}


def test_it_exports_everything_about_me_and_nothing_about_others(volunteer, story):
    data = privacy.export_user_data(user=volunteer)
    text = json.dumps(data)  # it must be JSON as it is
    assert data["user"] == {
        "email": "frivillig@example.dk",
        "first_name": "Vera",
        "last_name": "Frivillig",
        "date_joined": volunteer.date_joined.isoformat(),
        "last_login": None,
    }
    profile = data["profile"]
    assert profile["interests"] == ["aeldre", "boern"]
    assert profile["phone"] == "11 22 33 44"
    assert profile["birth_year"] == 1990
    expected = {f.name for f in VolunteerProfile._meta.concrete_fields} - {"id", "user"}
    assert expected <= set(profile)
    assert len(data["applications"]) == 2
    assert len(data["engagements"]) == 1
    assert data["engagements"][0]["status"] == "active"
    read = PersonalDataRead.objects.filter(action="read").get(volunteer=volunteer)
    assert data["personal_data_reads"][0] == {
        "organisation": "Ældresagen Nibe",
        "staff": "Olga Ejer",
        "what": "application",
        "action": "read",
        "read_at": read.read_at.isoformat(),
    }
    # Accepting the application changed the person's data: that is in the export too.
    assert [(r["staff"], r["action"]) for r in data["personal_data_reads"][1:]] == [
        ("Kim Koordinator", "change")
    ]
    assert volunteer.password not in text
    assert "fremmed" not in text.lower()
    assert "ejer@example.dk" not in text


def test_it_exports_staff_roles_too(owner):
    data = privacy.export_user_data(user=owner)
    assert data["profile"] is None
    assert data["staff_roles"][0]["organisation"] == "Ældresagen Nibe"
    assert data["staff_roles"][0]["role"] == "admin"


def test_it_deletes_the_person_and_tells_organisations_after_commit(
    volunteer, stranger, story, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        privacy.delete_account(user=volunteer)
        assert mail.outbox == []  # nothing leaves before the transaction has committed
    assert len(callbacks) >= 2
    assert not get_user_model().objects.filter(pk=volunteer.pk).exists()
    assert not Application.objects.filter(volunteer_id=volunteer.pk).exists()
    assert not Engagement.objects.filter(volunteer_id=volunteer.pk).exists()
    assert not PersonalDataRead.objects.filter(volunteer_id=volunteer.pk).exists()
    assert not VolunteerProfile.objects.filter(user_id=volunteer.pk).exists()
    subjects = [m.subject for m in mail.outbox if m.to == ["koordinator@example.dk"]]
    assert len(subjects) == 2
    assert any("Lektiehjælp" in s for s in subjects)  # the withdrawn application
    assert any("Vågekone" in s for s in subjects)  # the ended engagement
    # Other people's things are untouched.
    story["theirs"].refresh_from_db()
    assert story["theirs"].status == ApplicationStatus.PENDING
    assert PersonalDataRead.objects.filter(volunteer=stranger).count() == 1


def test_it_keeps_the_organisation_when_staff_delete_themselves(owner, organisation):
    privacy.delete_account(user=owner)
    organisation.refresh_from_db()
    assert not Membership.objects.filter(organisation=organisation).exists()


def test_it_keeps_staff_reads_of_others_but_forgets_who_read(owner, stranger, organisation):
    PersonalDataRead.objects.create(
        staff=owner, volunteer=stranger, organisation=organisation, what="profile"
    )
    privacy.delete_account(user=owner)
    read = PersonalDataRead.objects.filter(action="read").get(volunteer=stranger)
    assert read.staff is None


def test_it_is_calm_about_deleting_twice(volunteer):
    privacy.delete_account(user=volunteer)
    privacy.delete_account(user=volunteer)
    assert not get_user_model().objects.filter(email="frivillig@example.dk").exists()


def test_it_ends_paused_engagements_too(volunteer, story):
    engagement = story["engagement"]
    services.pause(engagement=engagement, volunteer=volunteer)
    privacy.delete_account(user=volunteer)
    assert not Engagement.objects.filter(status=EngagementStatus.PAUSED).exists()


def test_it_refuses_kindly_when_a_record_must_be_kept(volunteer, monkeypatch):
    def protected(self, *args, **kwargs):
        raise models.ProtectedError("kept by law", set())

    monkeypatch.setattr(get_user_model(), "delete", protected)
    with pytest.raises(privacy.AccountDeletionError, match="volunteer office|frivillig"):
        privacy.delete_account(user=volunteer)
    assert get_user_model().objects.filter(pk=volunteer.pk).exists()


def test_it_exports_the_addresses_you_sign_in_with(volunteer):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(
        user=volunteer, email="frivillig@example.dk", verified=True, primary=True
    )
    data = privacy.export_user_data(user=volunteer)
    assert data["email_addresses"] == [
        {"email": "frivillig@example.dk", "verified": True, "primary": True}
    ]
    assert data["identity_providers"] == []
    privacy.delete_account(user=volunteer)
    assert not EmailAddress.objects.filter(email="frivillig@example.dk").exists()
