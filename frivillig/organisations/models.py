from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from frivillig.translation import localized


class OrganisationKind(models.TextChoices):
    DEPARTMENT = "department", _("Municipal department")
    UNIT = "unit", _("Municipal unit")
    INSTITUTION = "institution", _("Municipal institution")
    ASSOCIATION = "association", _("Association")
    PARTNER = "partner", _("Other partner")

    @classmethod
    def municipal(cls) -> set[str]:
        return {cls.DEPARTMENT, cls.UNIT, cls.INSTITUTION}


class OrganisationQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(is_approved=True)

    def below(self, organisations):
        """These organisations and every organisation under them in the tree."""
        condition = Q(pk__in=[])
        for path in {o.path for o in organisations}:
            condition |= Q(path__startswith=path)
        return self.filter(condition)


class Organisation(models.Model):
    """A municipal department, unit or institution, or an association or other partner.

    The tree (department -> unit -> institution) is stored twice on purpose: `parent` is the
    truth, `path` ("/3/17/") makes "everything below" one indexed prefix query.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=100, unique=True)
    description_da = models.TextField(_("description (Danish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    place = models.ForeignKey(
        "catalog.Place",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("town"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_approved = models.BooleanField(_("approved by the municipality"), default=False)
    # The municipality's central volunteer office: it sees across organisations (expense
    # rates, the municipal overview). One at most.
    is_volunteer_office = models.BooleanField(_("the central volunteer office"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="organisation_not_own_parent"
            ),
            models.UniqueConstraint(
                fields=["is_volunteer_office"],
                condition=Q(is_volunteer_office=True),
                name="organisation_one_volunteer_office",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:organisation", args=[self.slug])

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def is_municipal(self) -> bool:
        return self.kind in OrganisationKind.municipal()

    def ancestor_ids(self) -> list[int]:
        """This organisation's id and those above it, read from `path` without a query."""
        return [int(part) for part in self.path.strip("/").split("/") if part] or [self.pk]


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    COORDINATOR = "coordinator", _("Coordinator")
    VIEWER = "viewer", _("Viewer")


class Membership(models.Model):
    """A member of staff in an organisation; the role reaches every organisation below it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique"),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_valid"),
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} · {self.role}"


class Invitation(models.Model):
    """A colleague invited by e-mail to join an organisation's staff with a role."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # Only a hash of the secret in the link is stored, so a database leak opens no door.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(condition=Q(role__in=Role.values), name="invitation_role_valid"),
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"


class ApiToken(models.Model):
    """A secret with which an organisation's systems use the API. Shown once, stored hashed."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting the central office")
    QUESTION = "question", _("Question asked")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")

    @classmethod
    def open(cls) -> list[str]:
        return [cls.SUBMITTED, cls.QUESTION]

    @classmethod
    def blocking_cvr(cls) -> list[str]:
        """Statuses in which a CVR number is taken: a rejected request frees it again."""
        return [cls.SUBMITTED, cls.QUESTION, cls.APPROVED]


class OrganisationRequest(models.Model):
    """An association asking to join the portal; the central volunteer office decides.

    The CVR number lives here, not on Organisation: it is what the office checks before
    approving, and a partial unique constraint makes a second pending or approved request for
    the same number impossible even if two forms are sent at the same moment."""

    name = models.CharField(_("name of the association"), max_length=200)
    cvr = models.CharField(_("CVR number"), max_length=8)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    areas = models.ManyToManyField(
        "catalog.Area", related_name="organisation_requests", verbose_name=_("areas")
    )
    description = models.TextField(_("description"))
    place = models.ForeignKey(
        "catalog.Place",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisation_requests",
        verbose_name=_("town"),
    )
    # The language of the form, so every later e-mail to the requester speaks it too.
    language = models.CharField(max_length=10, default=settings.LANGUAGE_CODE)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED
    )
    question = models.TextField(_("question from the central office"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    rejection_reason = models.TextField(_("reason for the rejection"), blank=True)
    # Only a hash of the secret answer link is stored, as for invitations; the link works once.
    answer_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="join_requests",
        verbose_name=_("organisation"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        indexes = [models.Index(fields=["status", "created_at"], name="orgrequest_status_created")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values), name="orgrequest_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(cvr__regex=r"^[0-9]{8}$"), name="orgrequest_cvr_8_digits"
            ),
            models.UniqueConstraint(
                fields=["cvr"],
                condition=Q(status__in=RequestStatus.blocking_cvr()),
                name="orgrequest_one_open_or_approved_per_cvr",
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.REJECTED) | ~Q(rejection_reason=""),
                name="orgrequest_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.QUESTION) | ~Q(question=""),
                name="orgrequest_question_has_text",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[RequestStatus.APPROVED, RequestStatus.REJECTED])
                | Q(decided_at__isnull=False),
                name="orgrequest_decision_has_time",
            ),
            models.CheckConstraint(
                condition=Q(organisation__isnull=True) | Q(status=RequestStatus.APPROVED),
                name="orgrequest_organisation_only_when_approved",
            ),
        ]

    def __str__(self):
        return f"{self.name} (CVR {self.cvr})"

    @property
    def is_open(self) -> bool:
        return self.status in RequestStatus.open()
