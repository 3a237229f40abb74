from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_APPLICATION = [ApplicationStatus.PENDING, ApplicationStatus.ACCEPTED]


class Application(models.Model):
    """A volunteer said yes to an opportunity; the organisation answers."""

    opportunity = models.ForeignKey(
        "catalog.Opportunity", models.CASCADE, related_name="applications"
    )
    # Denormalised from the opportunity so that every back-office query can start from the
    # organisation with one indexed filter.
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="applications"
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="applications"
    )
    message = models.TextField(_("message to the organisation"), max_length=2000, blank=True)
    availability = models.CharField(_("when can you help?"), max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)
    question = models.TextField(blank=True)
    question_asked_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "volunteer"],
                condition=Q(status__in=OPEN_APPLICATION),
                name="application_one_open_per_opportunity",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ApplicationStatus.values), name="application_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=ApplicationStatus.PENDING) | Q(answered_at__isnull=False),
                name="application_answered_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "created_at"], name="application_inbox"),
            # The reminders find the pending ones by age.
            models.Index(
                fields=["created_at", "opportunity"],
                condition=Q(status=ApplicationStatus.PENDING),
                name="application_pending",
            ),
            # An opportunity's oldest pending application (Opportunity.waiting_since, set
            # again after every answer) and the overview's 50 oldest, by opportunity.
            models.Index(
                fields=["opportunity", "created_at"],
                condition=Q(status=ApplicationStatus.PENDING),
                name="application_pending_by_opp",
            ),
            # The overview's running month reads applications from this index alone
            # (PostgreSQL), not from the table (activity.queries).
            models.Index(
                fields=["created_at"],
                include=["opportunity", "organisation"],
                name="application_activity",
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} → {self.opportunity}"


class EngagementStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class Engagement(models.Model):
    """A volunteer's ongoing effort for an organisation. Pausing and ending are plain facts:
    no reason is required and nothing counts them against anyone."""

    application = models.OneToOneField(
        Application, models.SET_NULL, null=True, blank=True, related_name="engagement"
    )
    opportunity = models.ForeignKey(
        "catalog.Opportunity", models.CASCADE, related_name="engagements"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="engagements"
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="engagements"
    )
    status = models.CharField(
        max_length=10, choices=EngagementStatus.choices, default=EngagementStatus.ACTIVE
    )
    started_at = models.DateTimeField(auto_now_add=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "volunteer"],
                condition=Q(status__in=["active", "paused"]),
                name="engagement_one_current_per_opportunity",
            ),
            models.CheckConstraint(
                condition=Q(status__in=EngagementStatus.values), name="engagement_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=EngagementStatus.ENDED) | Q(ended_at__isnull=False),
                name="engagement_ended_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status"], name="engagement_by_org"),
            # The public statistics count every active engagement from this index alone.
            models.Index(
                fields=["organisation"],
                condition=Q(status=EngagementStatus.ACTIVE),
                name="engagement_active",
            ),
            # The same with what the overview's running month needs, read from the index
            # alone on PostgreSQL (activity.queries).
            models.Index(
                fields=["started_at"],
                include=["opportunity", "organisation"],
                name="engagement_activity",
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} · {self.opportunity}"


class QualificationKind(models.TextChoices):
    CHILD_CERTIFICATE = "child_certificate", _("Child certificate (børneattest)")
    FIRST_AID = "first_aid", _("First aid")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")
    FOOD_HYGIENE = "food_hygiene", _("Food hygiene")
    OTHER = "other", _("Other")


class QualificationType(models.Model):
    """Something a task may require. The municipality's types (organisation empty) are shared;
    an organisation may add its own. Only the fact and dates are ever kept, never a document:
    for a child certificate that is the law's own point (no content, no CPR number)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="qualification_types",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=QualificationKind.choices)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    description = models.TextField(_("what it is and how to get it"), blank=True)
    valid_months = models.PositiveSmallIntegerField(
        _("recheck after (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty if it does not need rechecking."),
    )
    required_by_opportunities = models.ManyToManyField(
        "catalog.Opportunity", blank=True, related_name="required_qualifications"
    )
    required_by_shifts = models.ManyToManyField(
        "events.Shift", blank=True, related_name="required_qualifications"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("qualification type")
        verbose_name_plural = _("qualification types")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=QualificationKind.values), name="qualification_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(organisation__isnull=True) & ~Q(kind="other"),
                name="qualification_one_shared_type_per_kind",
            ),
        ]

    def __str__(self):
        return self.name


class QualificationPolicy(models.Model):
    """An organisation's own recheck interval for a type (a child certificate: two years
    unless the organisation says otherwise)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="qualification_policies"
    )
    qualification_type = models.ForeignKey(QualificationType, models.CASCADE)
    valid_months = models.PositiveSmallIntegerField(_("recheck after (months)"))

    class Meta:
        verbose_name = _("recheck policy")
        verbose_name_plural = _("recheck policies")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "qualification_type"], name="qualification_policy_once"
            ),
            models.CheckConstraint(
                condition=Q(valid_months__gte=1), name="qualification_policy_positive"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.qualification_type}"


class QualificationStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    NOT_APPROVED = "not_approved", _("Not approved")


class QualificationRecord(models.Model):
    """That an organisation checked a person's qualification, when, and until when it holds.
    Never the document itself, its content or a CPR number."""

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="qualifications"
    )
    qualification_type = models.ForeignKey(
        QualificationType, models.PROTECT, related_name="records"
    )
    # The organisation that checked it. A child certificate is obtained by an organisation
    # and holds for that organisation (and those below it), not for everyone.
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, related_name="qualification_records"
    )
    status = models.CharField(_("status"), max_length=12, choices=QualificationStatus.choices)
    obtained_on = models.DateField(_("date obtained"), null=True, blank=True)
    recheck_on = models.DateField(_("recheck by"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="qualifications_checked",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    reminders_sent = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "qualification_type", "organisation"],
                name="qualification_one_record_per_checker",
            ),
            models.CheckConstraint(
                condition=Q(status__in=QualificationStatus.values),
                name="qualification_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(obtained_on__isnull=False),
                name="qualification_approved_has_date",
            ),
            models.CheckConstraint(
                condition=Q(recheck_on__isnull=True) | Q(recheck_on__gt=F("obtained_on")),
                name="qualification_recheck_after_obtained",
            ),
        ]
        indexes = [models.Index(fields=["recheck_on"], name="qualification_recheck")]

    def __str__(self):
        return f"{self.volunteer} · {self.qualification_type}"
