from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.translation import localized, localized_language


class Area(models.Model):
    """A field of volunteering (fagområde). Every area counts the same in search and statistics."""

    slug = models.SlugField(max_length=60, unique=True)
    name_da = models.CharField(_("name (Danish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    description_da = models.TextField(_("description (Danish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name_da"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:area", args=[self.slug])

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")


class Setting(models.TextChoices):
    URBAN = "by", _("City")
    RURAL = "land", _("Countryside")


class Place(models.Model):
    """A town or district of the municipality, with an approximate centre for distance search."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=4, db_index=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    setting = models.CharField(_("city or countryside"), max_length=4, choices=Setting.choices)

    class Meta:
        ordering = ["name"]
        verbose_name = _("town")
        verbose_name_plural = _("towns")
        constraints = [
            models.CheckConstraint(
                condition=Q(postal_code__regex=r"^[0-9]{4}$"), name="place_postal_code_4_digits"
            ),
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="place_coordinates_valid",
            ),
            models.CheckConstraint(
                condition=Q(setting__in=Setting.values), name="place_setting_valid"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.postal_code})"

    def get_absolute_url(self):
        return reverse("portal:place", args=[self.slug])


class OpportunityKind(models.TextChoices):
    RECURRING = "recurring", _("Recurring")
    ONE_OFF = "one_off", _("One-off")
    EVENT = "event", _("Event")


class OpportunityStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class OpportunityQuerySet(models.QuerySet):
    def visible(self, now=None):
        """What the public may see: published, inside its publishing window, by an approved
        organisation."""
        now = now or timezone.now()
        return self.filter(
            Q(publish_from__isnull=True) | Q(publish_from__lte=now),
            Q(publish_until__isnull=True) | Q(publish_until__gte=now),
            Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate(now)),
            status=OpportunityStatus.PUBLISHED,
            organisation__is_approved=True,
        )


class Opportunity(models.Model):
    """A way to volunteer, offered by an organisation, for the benefit of others."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        models.CASCADE,
        related_name="opportunities",
        verbose_name=_("organisation"),
    )
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=160)
    title_en = models.CharField(_("title in English"), max_length=160, blank=True)
    description = models.TextField(_("description"))
    description_en = models.TextField(_("description in English"), blank=True)
    areas = models.ManyToManyField(Area, related_name="opportunities", verbose_name=_("areas"))

    place = models.ForeignKey(
        Place,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("town"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    # Copied from the place (or an address) so that distance search needs no join.
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    is_flexible_location = models.BooleanField(_("location is flexible"), default=False)

    kind = models.CharField(_("kind"), max_length=12, choices=OpportunityKind.choices)
    hours_per_month = models.PositiveSmallIntegerField(_("hours per month"), null=True, blank=True)
    hours_total = models.PositiveSmallIntegerField(_("hours in total"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    volunteers_wanted = models.PositiveSmallIntegerField(_("volunteers wanted"), default=1)
    is_urgent = models.BooleanField(_("urgent need"), default=False)
    target_group = models.CharField(_("who benefits"), max_length=200)
    target_group_en = models.CharField(_("who benefits (English)"), max_length=200, blank=True)

    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    requires_child_certificate = models.BooleanField(_("child certificate required"), default=False)
    requires_driving_licence = models.BooleanField(_("driving licence required"), default=False)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    skills = models.CharField(_("skills"), max_length=300, blank=True)

    suits_young = models.BooleanField(_("suits young people"), default=False)
    suits_seniors = models.BooleanField(_("suits seniors"), default=False)
    suits_families = models.BooleanField(_("suits families"), default=False)
    suits_english_speakers = models.BooleanField(
        _("suits newcomers and English speakers"), default=False
    )
    wheelchair_accessible = models.BooleanField(_("accessible for wheelchair users"), default=False)

    offers_training = models.BooleanField(_("training offered"), default=False)
    covers_expenses = models.BooleanField(_("expenses covered"), default=False)
    offers_insurance = models.BooleanField(_("insurance"), default=False)

    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.DRAFT,
    )
    publish_from = models.DateTimeField(_("publish from"), null=True, blank=True)
    publish_until = models.DateTimeField(_("publish until"), null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Lower-cased text of everything a citizen might search for; the portable search reads it,
    # and on PostgreSQL a trigger turns it into `search_vector` (Danish stemming).
    search_document = models.TextField(editable=False, default="")
    search_vector = SearchVectorField(null=True, editable=False)
    # Whether anyone has ever applied and the application is still kept (any status). Kept by
    # the engagement services (and set right by the nightly activity refresh), so that the
    # overview's "nobody has applied for" reads a small partial index instead of probing the
    # applications once for each of 100,000 published opportunities.
    has_applicants = models.BooleanField(default=False, editable=False)
    # When the oldest application still awaiting an answer was sent (None: none waits). Kept
    # by the same services, for the overview's "applications without an answer for more than
    # 7 days": the opportunities are then a range of the index `opp_waiting_since`.
    waiting_since = models.DateTimeField(null=True, editable=False)
    # Set by the central office when several units post the same need (catalog.joint).
    joint_effort = models.ForeignKey(
        "JointEffort",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("joint effort"),
    )

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("volunteer opportunity")
        verbose_name_plural = _("volunteer opportunities")
        indexes = [
            models.Index(fields=["status", "published_at"], name="opp_status_published"),
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                name="opp_newest_published",
                condition=Q(status="published"),
            ),
            models.Index(fields=["latitude", "longitude"], name="opp_coordinates"),
            # The overview and the public statistics count published opportunities by
            # organisation and town (and, through the areas, by id) from this index alone,
            # without reading the table (PostgreSQL; the included columns are the order of the
            # overview's list and the publishing window of `visible`).
            models.Index(
                fields=["organisation", "place", "id"],
                include=["published_at", "publish_from", "publish_until", "end_date"],
                name="opp_published_by_org",
                condition=Q(status="published"),
            ),
            # Nearest-first pages walk the towns outward, newest first within each town.
            models.Index(
                F("place"),
                F("id").desc(),
                name="opp_place_newest",
                condition=Q(status="published"),
            ),
            # The overview's "nobody has applied for": the list (oldest first) and its count.
            models.Index(
                fields=["published_at", "id"],
                include=["organisation"],
                name="opp_awaiting_applicants",
                condition=Q(status="published", has_applicants=False),
            ),
            models.Index(
                fields=["waiting_since"],
                include=["organisation"],
                name="opp_waiting_since",
                condition=Q(waiting_since__isnull=False),
            ),
            # The public statistics find the published opportunities outside their window.
            *(
                models.Index(
                    fields=[field],
                    name=f"opp_published_{field}",
                    condition=Q(status="published", **{f"{field}__isnull": False}),
                )
                for field in ("publish_from", "publish_until", "end_date")
            ),
            # The first year with anything published (the list of yearly reports).
            models.Index(
                fields=["published_at"],
                name="opp_first_published",
                condition=Q(published_at__isnull=False),
            ),
            models.Index(fields=["start_date"], name="opp_start_date"),
            # The town of an opportunity without reading the table, for the overview's
            # running month (applications and engagements by town).
            models.Index(fields=["id"], include=["place"], name="opp_town"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OpportunityKind.values), name="opportunity_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=OpportunityStatus.values), name="opportunity_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(volunteers_wanted__gte=1), name="opportunity_wants_someone"
            ),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True) | Q(min_age__lte=100),
                name="opportunity_min_age_sane",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="opportunity_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(publish_from__isnull=True)
                | Q(publish_until__isnull=True)
                | Q(publish_until__gte=F("publish_from")),
                name="opportunity_publish_window_valid",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="opportunity_coordinates_complete",
            ),
            models.CheckConstraint(
                condition=Q(is_flexible_location=True) | Q(place__isnull=False),
                name="opportunity_has_place_or_is_flexible",
            ),
            models.CheckConstraint(
                condition=~Q(status=OpportunityStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="opportunity_published_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("portal:opportunity", args=[self.slug])

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def display_title_lang(self) -> str:
        return localized_language(self, "title")

    @property
    def display_description(self) -> str:
        return localized(self, "description")

    @property
    def display_description_lang(self) -> str:
        return localized_language(self, "description")

    @property
    def display_target_group(self) -> str:
        return localized(self, "target_group")

    @property
    def display_target_group_lang(self) -> str:
        return localized_language(self, "target_group")

    def build_search_document(self, area_names=(), organisation_name="", place_name="") -> str:
        parts = [
            self.title,
            self.title_en,
            self.description,
            self.description_en,
            self.target_group,
            self.target_group_en,
            self.skills,
            self.languages,
            organisation_name,
            place_name,
            *area_names,
        ]
        return " ".join(p for p in parts if p).lower()


class JointEffort(models.Model):
    """Near-duplicate needs of several organisations, linked by the central volunteer office
    so that the portal shows them as one."""

    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("joint effort")
        verbose_name_plural = _("joint efforts")

    def __str__(self):
        return self.title


class PublishedCount(models.Model):
    """How many published opportunities one organisation has in one group right now. Kept by
    `catalog.published.recount` in the transaction that publishes, pauses, closes or moves an
    opportunity, so that the municipal overview and the public statistics sum a few thousand
    rows instead of grouping 100,000 opportunities on every request. Derived data: rebuilt in
    full by the nightly activity refresh. Only groups with something have a row."""

    # The group: a field named by each kind of count.
    KEY = ""

    organisation = models.ForeignKey("organisations.Organisation", models.CASCADE, related_name="+")
    opportunities = models.PositiveIntegerField()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.organisation_id} {getattr(self, self.KEY)}: {self.opportunities}"


def _one_row_per_group(key: str, *, nullable: bool) -> list:
    """One row per organisation and group (None, where allowed, being a group of its own)."""
    some = models.CheckConstraint(condition=Q(opportunities__gte=1), name="%(class)s_some")
    if not nullable:
        return [
            models.UniqueConstraint(fields=["organisation", key], name="%(class)s_once"),
            some,
        ]
    return [
        models.UniqueConstraint(
            fields=["organisation", key],
            condition=Q(**{f"{key}__isnull": False}),
            name="%(class)s_once",
        ),
        models.UniqueConstraint(
            fields=["organisation"],
            condition=Q(**{f"{key}__isnull": True}),
            name="%(class)s_none_once",
        ),
        some,
    ]


class PublishedInTown(PublishedCount):
    """Published opportunities per organisation and town (None: no fixed town)."""

    KEY = "place_id"

    place = models.ForeignKey(Place, models.CASCADE, null=True, related_name="+")

    class Meta:
        constraints = _one_row_per_group("place", nullable=True)


class PublishedInArea(PublishedCount):
    """Published opportunities per organisation and area (one in several areas counts in
    each)."""

    KEY = "area_id"

    area = models.ForeignKey(Area, models.CASCADE, related_name="+")

    class Meta:
        constraints = _one_row_per_group("area", nullable=False)


class PublishedInSetting(PublishedCount):
    """Published opportunities per organisation in the city, in the countryside and with no
    fixed town (None), so that the overview counts the organisations per setting from a few
    rows per organisation."""

    KEY = "setting"

    setting = models.CharField(max_length=10, choices=Setting.choices, null=True)

    class Meta:
        constraints = _one_row_per_group("setting", nullable=True)
