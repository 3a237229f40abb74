"""The account rules the apply flow and allauth's adapter share."""

from allauth.account.models import EmailAddress
from django.utils import timezone

from frivillig.accounts import services
from frivillig.accounts.models import User
from frivillig.engagements import services as engagements


def test_it_creates_an_applicant_without_password_and_with_an_unverified_address(db):
    person = services.find_or_create_applicant(email=" Ny@Example.DK ", language="en")
    assert (person.email, person.username) == ("ny@example.dk", "ny@example.dk")
    assert not person.has_usable_password()
    address = EmailAddress.objects.get(user=person)
    assert (address.email, address.primary, address.verified) == ("ny@example.dk", True, False)
    assert person.profile.language == "en"
    assert services.find_or_create_applicant(email="NY@example.dk") == person
    assert User.objects.count() == 1


def test_it_gives_an_account_made_by_staff_an_address_record(volunteer):
    assert services.find_or_create_applicant(email="FRIVILLIG@example.dk") == volunteer
    assert EmailAddress.objects.filter(user=volunteer, email="frivillig@example.dk").exists()


def test_it_never_overwrites_a_name_with_one_typed_while_applying(volunteer, make_user):
    services.complete_name(user=volunteer, first_name="Mallory", last_name="X")
    volunteer.refresh_from_db()
    assert (volunteer.first_name, volunteer.last_name) == ("Vera", "Frivillig")
    nameless = make_user("uden-navn@example.dk")
    services.complete_name(user=nameless, first_name=" Nina ", last_name="Navn")
    nameless.refresh_from_db()
    assert (nameless.first_name, nameless.last_name) == ("Nina", "Navn")


def test_it_forgets_accounts_nobody_confirmed(db, volunteer, make_opportunity):
    later = timezone.now() + timezone.timedelta(days=8)
    stranger = services.find_or_create_applicant(email="aldrig-bekraeftet@example.dk")
    confirmed = services.find_or_create_applicant(email="bekraeftet@example.dk")
    EmailAddress.objects.filter(user=confirmed).update(verified=True)
    applied = services.find_or_create_applicant(email="har-soegt@example.dk")
    engagements.apply(volunteer=applied, opportunity=make_opportunity())

    assert services.delete_unconfirmed_accounts(now=timezone.now()) == 0  # too new yet
    assert services.delete_unconfirmed_accounts(now=later) == 1
    assert not User.objects.filter(pk=stranger.pk).exists()
    # Confirmed addresses, applicants and accounts with a password stay.
    assert User.objects.filter(pk__in=[confirmed.pk, applied.pk, volunteer.pk]).count() == 3
