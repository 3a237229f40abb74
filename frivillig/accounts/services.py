"""Accounts and the volunteer profile. Every write goes through here, so the portal, allauth's
adapter and the apply flow keep one set of rules (no CPR number, a postal code of the
municipality, a sane birth year)."""

import re

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from frivillig.accounts.models import (
    PersonalDataAction,
    PersonalDataRead,
    User,
    VolunteerProfile,
)
from frivillig.catalog.queries import origin_for_postal_code

USERNAME_MAX_LENGTH = User._meta.get_field("username").max_length
OLDEST_BIRTH_YEAR = 1900
# Children younger than this do not sign up on their own; it also catches typos like 2204.
YOUNGEST_AGE = 10
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()-]{6,18}[0-9]$")
PROFILE_FIELDS = {
    "phone",
    "postal_code",
    "birth_year",
    "interests",
    "available_weekdays",
    "available_evenings",
    "available_weekends",
    "wants_one_off",
    "wants_recurring",
    "languages",
    "skills",
    "has_driving_licence",
    "open_to_contact",
    "language",
}
USER_FIELDS = {"first_name", "last_name"}
TEXT_LIMITS = {
    "first_name": 150,
    "last_name": 150,
    "phone": 20,
    "languages": 200,
    "skills": 1000,
}


class ProfileError(ValueError):
    """A profile value breaks a rule; str() is the message for the person, `field` says where."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def normalize_email(email: str) -> str:
    # allauth stores addresses in lower case; doing the same keeps one spelling everywhere.
    return (email or "").strip().lower()


def username_for_email(email: str) -> str | None:
    """The username is the e-mail (the model keeps Django's username column). None when the
    address is too long for the column; the caller then lets allauth generate one."""
    email = normalize_email(email)
    return email if email and len(email) <= USERNAME_MAX_LENGTH else None


def current_language() -> str:
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def ensure_volunteer_profile(*, user, language: str | None = None) -> VolunteerProfile:
    """Every person has a profile from the start; e-mails go out in `language` (the language
    they used when they signed up) until they change it."""
    profile, _created = VolunteerProfile.objects.get_or_create(
        user=user, defaults={"language": language or current_language()}
    )
    return profile


def find_or_create_applicant(*, email: str, language: str | None = None) -> User:
    """The account behind an e-mail typed by someone who is not signed in. A new account is
    created without a password and with the address unverified; nothing about it is trusted
    until the person has typed the code sent to that address."""
    email = normalize_email(email)
    for _attempt in range(2):
        user = User.objects.filter(email__iexact=email).first()
        if user is not None:
            # Accounts made outside allauth (admin, imports) have no address record yet;
            # allauth needs one to mark the address verified when the code is typed.
            EmailAddress.objects.get_or_create(
                user=user,
                email=normalize_email(user.email),
                defaults={"primary": not EmailAddress.objects.filter(user=user).exists()},
            )
            return user
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    username=username_for_email(email) or _fallback_username(), email=email
                )
                EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
                ensure_volunteer_profile(user=user, language=language)
                return user
        except IntegrityError:
            # Someone else created the account a moment ago (a double click): use theirs.
            continue
    raise RuntimeError("Could not create or find the account")  # pragma: no cover


def _fallback_username() -> str:
    from allauth.account.utils import generate_unique_username

    return generate_unique_username(["user"])


@transaction.atomic
def complete_name(*, user, first_name: str, last_name: str) -> None:
    """Fill in a name typed while applying, but never overwrite a name the person already has."""
    user = User.objects.select_for_update().get(pk=user.pk)
    changed = []
    if not user.first_name and first_name.strip():
        user.first_name = first_name.strip()[: TEXT_LIMITS["first_name"]]
        changed.append("first_name")
    if not user.last_name and last_name.strip():
        user.last_name = last_name.strip()[: TEXT_LIMITS["last_name"]]
        changed.append("last_name")
    if changed:
        user.save(update_fields=changed)


def birth_year_range(today=None) -> tuple[int, int]:
    today = today or timezone.localdate()
    return OLDEST_BIRTH_YEAR, today.year - YOUNGEST_AGE


def check_postal_code(postal_code: str) -> str:
    postal_code = (postal_code or "").strip()
    if not postal_code:
        return ""
    if not re.fullmatch(r"[0-9]{4}", postal_code):
        raise ProfileError(_("A postal code is four digits, for example 9000."), "postal_code")
    if origin_for_postal_code(postal_code) is None:
        raise ProfileError(
            _(
                "We do not know the postal code %(code)s in %(municipality)s. Use the postal "
                "code of a town in the municipality."
            )
            % {"code": postal_code, "municipality": settings.MUNICIPALITY["name"]},
            "postal_code",
        )
    return postal_code


def check_birth_year(birth_year) -> int | None:
    if birth_year in (None, ""):
        return None
    oldest, youngest = birth_year_range()
    try:
        birth_year = int(birth_year)
    except (TypeError, ValueError):
        raise ProfileError(_("Write the year you were born, e.g. 1985."), "birth_year") from None
    if not oldest <= birth_year <= youngest:
        raise ProfileError(
            _("Write a birth year between %(oldest)d and %(youngest)d.")
            % {"oldest": oldest, "youngest": youngest},
            "birth_year",
        )
    return birth_year


def check_phone(phone: str) -> str:
    phone = " ".join((phone or "").split())
    if phone and not PHONE_PATTERN.fullmatch(phone):
        raise ProfileError(
            _("Write a phone number with digits only, e.g. 12 34 56 78 or +45 12 34 56 78."),
            "phone",
        )
    return phone


def _check_text(field: str, value: str) -> str:
    value = (value or "").strip()
    limit = TEXT_LIMITS[field]
    if len(value) > limit:
        raise ProfileError(
            _("Please keep this to %(limit)d characters (it has %(length)d).")
            % {"limit": limit, "length": len(value)},
            field,
        )
    return value


@transaction.atomic
def update_profile(*, user, **fields) -> VolunteerProfile:
    """Change what a volunteer tells about themselves. Unknown fields are a programming error;
    values that break a rule raise ProfileError and change nothing."""
    unknown = set(fields) - PROFILE_FIELDS - USER_FIELDS
    if unknown:
        raise TypeError(f"update_profile() got unknown fields: {sorted(unknown)}")
    cleaned = {}
    for field, value in fields.items():
        if field in TEXT_LIMITS:
            value = _check_text(field, value)
        if field == "postal_code":
            value = check_postal_code(value)
        elif field == "birth_year":
            value = check_birth_year(value)
        elif field == "phone":
            value = check_phone(value)
        elif field == "language" and value not in dict(settings.LANGUAGES):
            raise ProfileError(_("Choose Danish or English."), "language")
        cleaned[field] = value

    user = User.objects.select_for_update().get(pk=user.pk)
    profile = ensure_volunteer_profile(user=user)
    user_changes = [f for f in USER_FIELDS if f in cleaned]
    for field in user_changes:
        setattr(user, field, cleaned[field])
    if user_changes:
        user.save(update_fields=user_changes)
    interests = cleaned.pop("interests", None)
    profile_changes = [f for f in cleaned if f in PROFILE_FIELDS]
    for field in profile_changes:
        setattr(profile, field, cleaned[field])
    profile.save()
    if interests is not None:
        profile.interests.set(interests)
    return profile


def delete_unconfirmed_accounts(*, older_than_days: int = 7, now=None) -> int:
    """Remove accounts that step 1 of "Meld dig" created for an address nobody confirmed:
    never signed in, no password, no verified address, nothing attached. Typing someone
    else's address must not leave a trace for long. Returns how many were deleted."""
    now = now or timezone.now()
    candidates = User.objects.filter(
        last_login__isnull=True,
        date_joined__lt=now - timezone.timedelta(days=older_than_days),
        is_staff=False,
        is_superuser=False,
        applications__isnull=True,
        engagements__isnull=True,
        memberships__isnull=True,
    ).exclude(emailaddress__verified=True)
    deleted = 0
    for user in candidates.distinct().iterator():
        if user.has_usable_password():
            continue
        with transaction.atomic():
            user.delete()
        deleted += 1
    return deleted


def record_personal_data_read(*, staff, volunteer, organisation, what: str) -> None:
    """Note that someone at `organisation` read `volunteer`'s personal data. `staff` is None
    when an organisation's system read it through the API with a token."""
    PersonalDataRead.objects.create(
        staff=staff, volunteer=volunteer, organisation=organisation, what=what
    )


def record_personal_data_change(*, staff, volunteer, organisation, what: str) -> None:
    """Note that someone at `organisation` changed `volunteer`'s personal data (answered an
    application, ended an engagement, recorded a qualification, ...). Called inside the
    service's transaction, so a change that rolls back leaves no line either."""
    PersonalDataRead.objects.create(
        staff=staff,
        volunteer=volunteer,
        organisation=organisation,
        what=what,
        action=PersonalDataAction.CHANGE,
    )


def record_personal_data_reads(
    *, staff, volunteers, organisation, what: str, unless_within=None
) -> int:
    """The same for a list of volunteers, in at most two statements. With `unless_within` (a
    timedelta), a person this member of staff already read the same way in that time is not
    noted again: a lead reloads the check-in list after every tap, and a log with a row per tap
    would bury the reads that matter. Returns how many reads were noted."""
    ids = {volunteer.pk for volunteer in volunteers}
    if unless_within is not None and ids:
        ids -= set(
            PersonalDataRead.objects.filter(
                staff=staff,
                organisation=organisation,
                what=what,
                volunteer_id__in=ids,
                read_at__gte=timezone.now() - unless_within,
            ).values_list("volunteer_id", flat=True)
        )
    PersonalDataRead.objects.bulk_create(
        PersonalDataRead(staff=staff, volunteer_id=pk, organisation=organisation, what=what)
        for pk in sorted(ids)
    )
    return len(ids)
