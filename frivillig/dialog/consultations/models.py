"""Consultations (høringer): the municipality publishes a draft in numbered sections, people
comment per section until the deadline, publicly or for the municipality only, and the
municipality then publishes its response.

The phase (draft, open, closed, answered) is derived from the status, the deadline and the
response, so it can never disagree with them; the database forbids the combinations that
would make it ambiguous (a response published on a draft, a published consultation without
the day it opened)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import GreaterThan, LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TITLE_MAX = 200
SUMMARY_MAX = 2000
HEADING_MAX = 200
SECTION_MAX = 20_000
RESPONSE_MAX = 20_000
COMMENT_MAX = 5000


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Phase(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for comments")
    CLOSED = "closed", _("Closed, awaiting the response")
    ANSWERED = "answered", _("Answered")


class Consultation(models.Model):
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX)
    opens_on = models.DateField(_("opened on"), null=True, blank=True)
    closes_at = models.DateTimeField(_("deadline for comments"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    response = models.TextField(_("the municipality's response"), blank=True)
    response_published_at = models.DateTimeField(_("response published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-closes_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="consultation_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=Status.DRAFT) | Q(opens_on__isnull=False),
                name="consultation_published_has_opens_on",
            ),
            models.CheckConstraint(
                condition=Q(response_published_at__isnull=True)
                | (Q(status=Status.PUBLISHED) & ~Q(response="")),
                name="consultation_response_only_when_published",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("response"), RESPONSE_MAX),
                name="consultation_response_length",
            ),
            models.CheckConstraint(
                condition=GreaterThan(Length("title"), 0), name="consultation_title_not_empty"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:consultation", args=[self.slug])

    def phase_at(self, moment) -> str:
        if self.status == Status.DRAFT:
            return Phase.DRAFT
        if self.response_published_at is not None:
            return Phase.ANSWERED
        if moment < self.closes_at:
            return Phase.OPEN
        return Phase.CLOSED

    @property
    def phase(self) -> str:
        return self.phase_at(timezone.now())

    @property
    def phase_label(self) -> str:
        return Phase(self.phase).label

    @property
    def is_open(self) -> bool:
        return self.phase == Phase.OPEN


class Section(models.Model):
    consultation = models.ForeignKey(Consultation, models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField(_("number"))
    heading = models.CharField(_("heading"), max_length=HEADING_MAX)
    body = models.TextField(_("text"), max_length=SECTION_MAX)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="consultation_section_number_unique"
            ),
            models.CheckConstraint(
                condition=GreaterThan(Length("heading"), 0), name="consultation_section_heading"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.heading}"


class Comment(models.Model):
    section = models.ForeignKey(Section, models.CASCADE, related_name="comments")
    # A comment is the author's personal data: it goes with the account (see privacy.py).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="consultation_comments"
    )
    # If the organisation is deleted, the comment stays as the author's own.
    on_behalf_of = models.ForeignKey(
        "organisations.Organisation",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX)
    public = models.BooleanField(_("public"))
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["section", "created_at"], name="consultation_comment_sec")]
        constraints = [
            models.CheckConstraint(
                condition=GreaterThan(Length("body"), 0)
                & LessThanOrEqual(Length("body"), COMMENT_MAX),
                name="consultation_comment_length",
            ),
        ]

    def __str__(self):
        return f"{self.section} · {self.pk}"

    @property
    def public_name(self) -> str:
        """What the public sees: the first name only (never the e-mail address)."""
        return self.author.first_name or _("A participant")
