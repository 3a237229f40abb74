"""Emergency call-outs ("beredskab"): a coordinator asks for n people at short notice, the
volunteers who opted in and match are e-mailed a personal link, and the first n who say yes
have a place.

The database keeps the promise "never more yeses than places": `CallOut.accepted_count` is a
counter that a CHECK keeps within `needed`, and the status follows the counter (open below
it, filled at it). The service (callouts.services) moves the counter with one conditional
UPDATE in the same transaction as the answer, so the counter cannot drift from the rows.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Skill(models.TextChoices):
    """A small, fixed set, so that a call-out and a volunteer's preference can be compared
    without guessing what free text means."""

    PHYSICAL = "physical", _("Physical work (lifting, carrying)")
    DRIVING = "driving", _("Driving (with a driving licence)")
    FIRST_AID = "first_aid", _("First aid")
    CATERING = "catering", _("Cooking and serving food")
    CARE = "care", _("Looking after people")
    LANGUAGES = "languages", _("Languages and interpreting")
    PRACTICAL = "practical", _("Practical skills and tools")


def pack_skills(skills) -> str:
    """Stored as ",a,b," so that "has skill a" is a portable `contains ",a,"` on any database."""
    chosen = [s for s in Skill.values if s in set(skills or ())]
    return f",{','.join(chosen)}," if chosen else ""


def unpack_skills(packed: str) -> list[str]:
    return [s for s in (packed or "").split(",") if s]


def skill_labels(packed: str) -> list[str]:
    labels = dict(Skill.choices)
    return [labels[s] for s in unpack_skills(packed) if s in labels]


class CallOutPreference(models.Model):
    """A volunteer's yes to being asked at short notice, and where and how they can help."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="callout_preference"
    )
    opted_in = models.BooleanField(_("ask me when help is needed at short notice"), default=False)
    place = models.ForeignKey(
        "catalog.Place",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home town"),
    )
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("call-out preference")
        verbose_name_plural = _("call-out preferences")
        indexes = [
            models.Index(fields=["place"], condition=Q(opted_in=True), name="callout_pref_opted_in")
        ]

    def __str__(self):
        return str(self.user)

    @property
    def skill_list(self) -> list[str]:
        return unpack_skills(self.skills)


class CallOutStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FILLED = "filled", _("Filled")
    CLOSED = "closed", _("Closed")


class CallOut(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="callouts"
    )
    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), max_length=4000)
    place = models.ForeignKey(
        "catalog.Place", models.PROTECT, related_name="callouts", verbose_name=_("town")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    needed = models.PositiveIntegerField(_("people needed"))
    accepted_count = models.PositiveIntegerField(_("people who said yes"), default=0)
    skills = models.CharField(_("skills wanted"), max_length=200, blank=True)
    radius_km = models.PositiveSmallIntegerField(_("radius (km)"))
    status = models.CharField(
        _("status"), max_length=10, choices=CallOutStatus.choices, default=CallOutStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("call-out")
        verbose_name_plural = _("call-outs")
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_count__lte=F("needed")), name="callout_not_overbooked"
            ),
            models.CheckConstraint(condition=Q(needed__gte=1), name="callout_needs_someone"),
            models.CheckConstraint(condition=Q(radius_km__gte=1), name="callout_radius_positive"),
            models.CheckConstraint(
                condition=Q(status__in=CallOutStatus.values), name="callout_status_valid"
            ),
            # The status follows the counter, so "filled" can never be wrong in either way.
            models.CheckConstraint(
                condition=~Q(status=CallOutStatus.OPEN) | Q(accepted_count__lt=F("needed")),
                name="callout_open_has_room",
            ),
            models.CheckConstraint(
                condition=~Q(status=CallOutStatus.FILLED) | Q(accepted_count=F("needed")),
                name="callout_filled_is_full",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="callout_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "-starts_at"], name="callout_by_org_time"),
        ]

    def __str__(self):
        return self.title

    @property
    def still_needed(self) -> int:
        return max(self.needed - self.accepted_count, 0)

    @property
    def skill_list(self) -> list[str]:
        return unpack_skills(self.skills)

    @property
    def skill_labels(self) -> list[str]:
        return skill_labels(self.skills)


class Answer(models.TextChoices):
    PENDING = "pending", _("Not answered")
    ACCEPTED = "accepted", _("Yes")
    DECLINED = "declined", _("No")


class CallOutResponse(models.Model):
    """One invited volunteer's answer. The row exists from the invitation on, because its
    token is the secret in the e-mail link: whoever has the link may answer for that person,
    and for nothing else."""

    callout = models.ForeignKey(CallOut, models.CASCADE, related_name="responses")
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="callout_responses"
    )
    answer = models.CharField(
        _("answer"), max_length=10, choices=Answer.choices, default=Answer.PENDING
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    invited_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("call-out answer")
        verbose_name_plural = _("call-out answers")
        constraints = [
            models.UniqueConstraint(
                fields=["callout", "volunteer"], name="callout_one_answer_per_person"
            ),
            models.CheckConstraint(
                condition=Q(answer__in=Answer.values), name="callout_answer_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["callout", "answer"], name="callout_answers_by_kind"),
        ]

    def __str__(self):
        return f"{self.volunteer} → {self.callout} ({self.answer})"
