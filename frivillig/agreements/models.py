"""Agreements in the strategy's three levels: the municipality's framework, local cooperation
agreements between a municipal unit and a partner, and individual agreements between a
volunteer and an organisation.

A signed document never changes. The text a person signs is rendered once, when the document
is sent for signing, and stored with its SHA-256; a database trigger (migration 0002) refuses
any later change to that text, its hash or a signature. A change is a new version, with
`previous` pointing at the one it replaces.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_code() -> str:
    # Short enough to type from paper, long enough not to be guessed: 10 characters of an
    # alphabet without look-alikes (no 0/O, 1/I/L) give about 50 bits.
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class FrameworkVersion(models.Model):
    """The municipality's volunteer strategy as the framework every agreement is made under."""

    version = models.CharField(_("version"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    adopted_on = models.DateField(_("adopted"))
    published = models.BooleanField(_("published"), default=False)
    definition = models.TextField(_("the definition of a volunteer"))
    openness = models.TextField(_("openness and access"))
    agreements = models.TextField(_("agreements and expectations"))
    body = models.TextField(_("full text"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-adopted_on"]
        verbose_name = _("framework version")
        verbose_name_plural = _("framework versions")

    def __str__(self):
        return f"{self.title} ({self.version})"

    @classmethod
    def current(cls):
        return cls.objects.filter(published=True).order_by("-adopted_on").first()


class SignedDocument(models.Model):
    """What every signable document has: the frozen text, its hash and a verification code."""

    framework = models.ForeignKey(
        FrameworkVersion, models.PROTECT, related_name="+", verbose_name=_("framework")
    )
    version = models.PositiveSmallIntegerField(default=1)
    rendered_text = models.TextField(blank=True, editable=False)
    sha256 = models.CharField(max_length=64, blank=True, editable=False)
    code = models.CharField(max_length=12, unique=True, default=new_code, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_VOLUNTEER = "awaiting_volunteer", _("Awaiting the volunteer's signature")
    AWAITING_ORGANISATION = "awaiting_organisation", _("Awaiting the organisation's signature")
    SIGNED = "signed", _("Signed")
    SUPERSEDED = "superseded", _("Replaced by a newer version")
    ENDED = "ended", _("Ended")


class AgreementTemplate(models.Model):
    """A starting point for individual agreements. The municipality's default (organisation
    empty) reflects the strategy; an organisation may keep its own."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="agreement_templates",
    )
    name = models.CharField(_("name"), max_length=120)
    language = models.CharField(
        _("language"), max_length=2, choices=[("da", "Dansk"), ("en", "English")], default="da"
    )
    introduction = models.TextField(_("introduction"))
    training = models.TextField(_("training offered"), blank=True)
    expenses = models.TextField(_("expenses covered and how"), blank=True)
    volunteer_expectations = models.TextField(
        _("what the organisation can expect of the volunteer"),
        help_text=_("One expectation per line."),
    )
    organisation_expectations = models.TextField(
        _("what the volunteer can expect of the organisation"),
        help_text=_("One expectation per line."),
    )
    confidentiality = models.TextField(_("confidentiality"), blank=True)
    child_certificate = models.TextField(_("child certificate"), blank=True)
    ending = models.TextField(_("ending the agreement"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation_id", "name"]
        verbose_name = _("agreement template")
        verbose_name_plural = _("agreement templates")

    def __str__(self):
        return self.name


class IndividualAgreement(SignedDocument):
    """The written agreement between one volunteer and one organisation."""

    organisation = models.ForeignKey(
        "organisations.Organisation", models.PROTECT, related_name="individual_agreements"
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="agreements"
    )
    engagement = models.ForeignKey(
        "engagements.Engagement",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
    )
    template = models.ForeignKey(
        AgreementTemplate, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    previous = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="next_version"
    )
    language = models.CharField(max_length=2, default="da")
    status = models.CharField(
        _("status"), max_length=24, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    task = models.TextField(_("the task"))
    time_and_place = models.TextField(_("expected time and place"))
    contact_person = models.CharField(_("contact person"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    training = models.TextField(_("training offered"), blank=True)
    expenses = models.TextField(_("expenses covered and how"), blank=True)
    insurance = models.TextField(_("insurance"), blank=True)
    confidentiality = models.TextField(_("confidentiality"), blank=True)
    child_certificate_required = models.BooleanField(
        _("a child certificate is required"), default=False
    )
    child_certificate = models.TextField(_("child certificate"), blank=True)
    volunteer_expectations = models.TextField(
        _("what the organisation can expect of the volunteer"),
        help_text=_("One expectation per line."),
    )
    organisation_expectations = models.TextField(
        _("what the volunteer can expect of the organisation"),
        help_text=_("One expectation per line."),
    )
    ending = models.TextField(_("ending the agreement"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    volunteer_signed_at = models.DateTimeField(null=True, blank=True, editable=False)
    volunteer_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)
    organisation_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    organisation_signer_name = models.CharField(max_length=200, blank=True, editable=False)
    organisation_signed_at = models.DateTimeField(null=True, blank=True, editable=False)
    organisation_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)
    ended_at = models.DateTimeField(null=True, blank=True, editable=False)
    reminders_sent = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("individual agreement")
        verbose_name_plural = _("individual agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AgreementStatus.values), name="agreement_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | ~Q(sha256=""), name="agreement_sent_has_hash"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["signed", "superseded"])
                | (Q(volunteer_signed_at__isnull=False) & Q(organisation_signed_at__isnull=False)),
                name="agreement_signed_by_both",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="agreement_version_positive"),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"], name="agreement_by_org"),
            models.Index(fields=["volunteer", "status"], name="agreement_by_volunteer"),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.volunteer} (v{self.version})"


class CooperationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_SIGNATURES = "awaiting", _("Awaiting signatures")
    ACTIVE = "active", _("Active")
    SUPERSEDED = "superseded", _("Replaced by a newer version")
    ENDED = "ended", _("Ended")


class CooperationAgreement(SignedDocument):
    """A local cooperation agreement ("samarbejdsaftale") between a municipal unit and an
    association or institution, under the framework."""

    municipal_unit = models.ForeignKey(
        "organisations.Organisation",
        models.PROTECT,
        related_name="cooperation_agreements_as_unit",
        verbose_name=_("municipal unit"),
    )
    partner = models.ForeignKey(
        "organisations.Organisation",
        models.PROTECT,
        related_name="cooperation_agreements_as_partner",
        verbose_name=_("partner"),
    )
    previous = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="next_version"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CooperationStatus.choices,
        default=CooperationStatus.DRAFT,
    )
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"))
    volunteer_tasks = models.TextField(_("what volunteers do"))
    staff_tasks = models.TextField(_("what staff do"))
    unit_provides = models.TextField(
        _("what the municipal unit provides"),
        help_text=_("For example rooms, courses, insurance, expenses."),
    )
    partner_provides = models.TextField(_("what the partner provides"))
    unit_contact = models.CharField(_("contact person at the unit"), max_length=200)
    partner_contact = models.CharField(_("contact person at the partner"), max_length=200)
    starts_on = models.DateField(_("starts"))
    review_on = models.DateField(_("review by"))
    ended_on = models.DateField(_("ended"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    unit_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    unit_signer_name = models.CharField(max_length=200, blank=True, editable=False)
    unit_signed_at = models.DateTimeField(null=True, blank=True, editable=False)
    unit_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)
    partner_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    partner_signer_name = models.CharField(max_length=200, blank=True, editable=False)
    partner_signed_at = models.DateTimeField(null=True, blank=True, editable=False)
    partner_ip = models.GenericIPAddressField(null=True, blank=True, editable=False)
    review_reminder_sent = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["review_on"]
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CooperationStatus.values),
                name="cooperation_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(review_on__gt=F("starts_on")), name="cooperation_review_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(municipal_unit=F("partner")), name="cooperation_two_parties"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | ~Q(sha256=""), name="cooperation_sent_has_hash"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["active", "superseded"])
                | (Q(unit_signed_at__isnull=False) & Q(partner_signed_at__isnull=False)),
                name="cooperation_signed_by_both",
            ),
        ]

    def __str__(self):
        return self.title

    REVIEW_NOTICE_DAYS = 60

    @property
    def due_for_review(self) -> bool:
        soon = timezone.localdate() + timezone.timedelta(days=self.REVIEW_NOTICE_DAYS)
        return self.status == CooperationStatus.ACTIVE and self.review_on <= soon


class SigningCode(models.Model):
    """A one-time code e-mailed to a volunteer who signs in without a password: re-entering
    it proves that the person signing is the one holding the account's e-mail."""

    agreement = models.ForeignKey(IndividualAgreement, models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=128)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)

    def __str__(self):
        return f"{self.agreement_id} · {self.expires_at:%Y-%m-%d %H:%M}"
