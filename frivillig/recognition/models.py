"""Recognition: an organisation's thanks, the volunteer's certificate (frivilligbevis) and the
municipality's volunteer award with its nominations.

A certificate is a frozen snapshot: what it documents is copied into `content` when it is
issued, and the SHA-256 of that content is kept beside it, so the public verification page
shows exactly what was printed even if the engagements and sign-ups behind it later change
or are anonymised. It is the person's own document: deleting the account deletes it, and its
code then verifies as unknown."""

import hashlib
import json
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

THANKS_MAX = 2000
NAME_MAX = 150
REASON_MAX = 3000
ROUND_TITLE_MAX = 150
ROUND_DESCRIPTION_MAX = 3000

# No look-alikes (0/O, 1/I/L): the code is typed from paper. 12 characters of 31 give about
# 59 bits, far beyond guessing, so the public page needs no rate limit.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_PREFIX = "FB"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4


def new_certificate_code() -> str:
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
        for _ in range(CODE_GROUPS)
    )
    return "-".join([CODE_PREFIX, *groups])


def normalise_code(raw: str) -> str:
    """What a person typed ("fb 7k3m q9px 4trw", "FB7K3MQ9PX4TRW") as the stored form."""
    letters = "".join(ch for ch in (raw or "").upper() if ch.isalnum())
    if letters.startswith(CODE_PREFIX):
        letters = letters[len(CODE_PREFIX) :]
    size = CODE_GROUP_LENGTH
    return "-".join([CODE_PREFIX, *(letters[i : i + size] for i in range(0, len(letters), size))])


def content_hash(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


class Thanks(models.Model):
    """A line on the volunteer's record: an organisation said thank you."""

    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="thanks_given"
    )
    # The volunteer's own record: it goes with the account.
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="thanks_received"
    )
    # Staff come and go; the thanks stays the organisation's.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.TextField(_("message"), max_length=THANKS_MAX)
    created_at = models.DateTimeField(default=timezone.now)
    # The local day, so that the database itself allows one thanks a day.
    day = models.DateField()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thanks")
        verbose_name_plural = _("thanks")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "volunteer", "day"], name="thanks_once_a_day"
            ),
            models.CheckConstraint(condition=~Q(message=""), name="thanks_message_not_empty"),
        ]
        indexes = [models.Index(fields=["volunteer", "created_at"], name="thanks_by_volunteer")]

    def __str__(self):
        return f"{self.organisation} → {self.volunteer}"


class CertificateLanguage(models.TextChoices):
    DA = "da", _("Danish")
    EN = "en", _("English")


class Certificate(models.Model):
    """A frivilligbevis: the snapshot of a person's volunteering, verifiable by its code."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="certificates")
    code = models.CharField(max_length=20, unique=True, default=new_certificate_code)
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=CertificateLanguage.choices,
        default=CertificateLanguage.DA,
    )
    issued_at = models.DateTimeField(default=timezone.now)
    content = models.JSONField()
    sha256 = models.CharField(max_length=64)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("volunteer certificate")
        verbose_name_plural = _("volunteer certificates")
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=CertificateLanguage.values),
                name="certificate_language_valid",
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and self.sha256 == content_hash(self.content)


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for nominations")
    CLOSED = "closed", _("Closed")


class AwardRound(models.Model):
    """One year's (or one theme's) volunteer award: citizens nominate while it is open."""

    title = models.CharField(_("title"), max_length=ROUND_TITLE_MAX)
    description = models.TextField(_("description"), max_length=ROUND_DESCRIPTION_MAX, blank=True)
    opens_on = models.DateField(_("nominations open"))
    closes_on = models.DateField(_("last day for nominations"))
    status = models.CharField(
        _("status"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("award round")
        verbose_name_plural = _("award rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="award_round_closes_after_open"
            ),
            models.CheckConstraint(
                condition=Q(status__in=RoundStatus.values), name="award_round_status_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="award_round_title_not_empty"),
        ]

    def __str__(self):
        return self.title

    def accepts_nominations(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == RoundStatus.OPEN and self.opens_on <= today <= self.closes_on


class Nomination(models.Model):
    """A citizen's nomination. Not public: only the nominator and the committee see it."""

    round = models.ForeignKey(AwardRound, models.CASCADE, related_name="nominations")
    nominee_name = models.CharField(_("who do you nominate?"), max_length=NAME_MAX)
    nominee_organisation = models.CharField(
        _("where do they volunteer?"), max_length=NAME_MAX, blank=True
    )
    reason = models.TextField(_("why do they deserve the award?"), max_length=REASON_MAX)
    nominator = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="award_nominations"
    )
    created_at = models.DateTimeField(default=timezone.now)
    shortlisted = models.BooleanField(_("shortlisted"), default=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(nominee_name="") & ~Q(reason=""), name="nomination_not_empty"
            ),
        ]
        indexes = [models.Index(fields=["round", "shortlisted"], name="nomination_by_round")]

    def __str__(self):
        return self.nominee_name
