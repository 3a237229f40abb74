"""Can this person apply for this opportunity? Small checks that raise typed errors, so the
portal can explain a requirement before the person applies, and the service refuses after."""

from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.catalog.models import Opportunity


class ApplicationNotAllowed(Exception):
    """The person cannot apply; str(error) says why, kindly, in the user's language."""


class OpportunityNotOpen(ApplicationNotAllowed):
    pass


class TooYoung(ApplicationNotAllowed):
    pass


class AlreadyApplied(ApplicationNotAllowed):
    pass


def check_open(opportunity: Opportunity) -> None:
    if not Opportunity.objects.visible().filter(pk=opportunity.pk).exists():
        raise OpportunityNotOpen(
            _(
                "This opportunity is not taking applications right now. It may be paused or "
                "closed; other opportunities may suit you."
            )
        )


def check_age(opportunity: Opportunity, birth_year: int | None) -> None:
    if opportunity.min_age and birth_year is not None:
        age = timezone.localdate().year - birth_year
        if age < opportunity.min_age:
            raise TooYoung(
                _(
                    "This task is for people aged %(age)d or older. Look for tasks marked "
                    "“Young people”: many welcome you."
                )
                % {"age": opportunity.min_age}
            )


def check_not_applied(opportunity: Opportunity, volunteer) -> None:
    from frivillig.engagements.models import OPEN_APPLICATION, Application

    if (
        volunteer is not None
        and Application.objects.filter(
            opportunity=opportunity, volunteer=volunteer, status__in=OPEN_APPLICATION
        ).exists()
    ):
        raise AlreadyApplied(
            _(
                "You have already applied for this opportunity. You can follow the answer on "
                "“My page”."
            )
        )


def requirement_notes(opportunity: Opportunity) -> list[str]:
    """What a person should know before applying, in plain words."""
    notes = []
    if opportunity.min_age:
        notes.append(_("You must be at least %(age)d years old.") % {"age": opportunity.min_age})
    if opportunity.requires_child_certificate:
        notes.append(
            _(
                "Because you will be with children under 15, the organisation must obtain a child "
                "certificate (børneattest) about you, with your consent, before you start."
            )
        )
    if opportunity.requires_driving_licence:
        notes.append(_("You need a driving licence."))
    names = required_qualification_names(opportunity)
    if names:
        notes.append(
            _("The organisation checks that you have: %(names)s.") % {"names": ", ".join(names)}
        )
    return notes


def required_qualification_names(opportunity: Opportunity) -> list[str]:
    """The qualification types the opportunity lists, leaving out the child certificate when
    the note about it is already given."""
    from frivillig.engagements.models import QualificationKind

    if not opportunity.pk:
        return []
    types = opportunity.required_qualifications.order_by("name")
    if opportunity.requires_child_certificate:
        types = types.exclude(kind=QualificationKind.CHILD_CERTIFICATE)
    return list(types.values_list("name", flat=True))
