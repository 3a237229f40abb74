"""Expense compensation for unpaid volunteers.

The strategy's volunteer is "ulønnet, dog med mulighed for kompensation for udgifter". Under
ligningsloven § 7 M an association may pay an unpaid volunteer tax-free flat allowances only up
to yearly limits, and mileage only at the state's rates; a municipal unit reimburses documented
outlays. Rates and limits are data per year (YearRates, loaded from data/rates.json), never
constants in code. Money is Decimal kroner with two places (see money.py).

Claims are accounting records: kept five years after the end of the financial year in which
they were decided, also when the volunteer deletes the account (then the link to the account
goes and the payee's name stays, which bookkeeping needs).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class YearRates(models.Model):
    """The state's mileage rates and the tax-free limits for one year; null = not known."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    mileage_car_low = models.DecimalField(
        _("car or motorcycle, up to 20,000 km (kr/km)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
    )
    mileage_car_high = models.DecimalField(
        _("car or motorcycle, above 20,000 km (kr/km)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
    )
    mileage_bicycle = models.DecimalField(
        _("bicycle or moped (kr/km)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    phone_internet_limit = models.DecimalField(
        _("telephone and internet, yearly limit"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
    )
    administration_limit = models.DecimalField(
        _("administration, yearly limit"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    special_clothing_limit = models.DecimalField(
        _("special clothing, yearly limit"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    meal_allowance_per_day = models.DecimalField(
        _("meal allowance per day (events of at least 5 hours)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
    )
    sources = models.JSONField(_("sources"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("rates of a year")
        verbose_name_plural = _("rates per year")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="rates_year_sane"
            ),
        ]

    def __str__(self):
        return str(self.year)

    @property
    def missing(self) -> list[str]:
        """The figures this year lacks, by their labels, for the central office to fill in."""
        names = [
            "mileage_car_low",
            "mileage_car_high",
            "mileage_bicycle",
            "phone_internet_limit",
            "administration_limit",
            "special_clothing_limit",
            "meal_allowance_per_day",
        ]
        return [
            str(self._meta.get_field(n).verbose_name) for n in names if getattr(self, n) is None
        ]


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    PAID = "paid", _("Paid")


class Claim(models.Model):
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="expense_claims",
    )
    # The payee as bookkeeping knows them; kept when the account is deleted.
    payee_name = models.CharField(_("payee"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation", models.PROTECT, related_name="expense_claims"
    )
    engagement = models.ForeignKey(
        "engagements.Engagement",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="expense_claims",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.DRAFT
    )
    note = models.TextField(_("note to the organisation"), blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rejection_reason = models.TextField(_("reason"), blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    # Accounting records are kept five years after the end of the financial year (here the
    # calendar year of the decision): bogføringsloven § 12.
    keep_until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("expense claim")
        verbose_name_plural = _("expense claims")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values), name="claim_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="claim_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "rejected", "paid"])
                | Q(decided_at__isnull=False),
                name="claim_decided_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="claim_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="paid") | Q(paid_at__isnull=False), name="claim_paid_has_time"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "year"], name="claim_by_org"),
            models.Index(fields=["volunteer", "organisation", "year"], name="claim_ytd"),
            models.Index(fields=["keep_until"], name="claim_retention"),
        ]

    def __str__(self):
        return f"{self.payee_name} · {self.organisation} · {self.year}"


class LineKind(models.TextChoices):
    MILEAGE = "mileage", _("Driving")
    OUTLAY = "outlay", _("Outlay with receipt")
    PHONE = "phone", _("Telephone and internet (flat allowance)")
    ADMINISTRATION = "administration", _("Administration (flat allowance)")
    CLOTHING = "clothing", _("Special clothing (flat allowance)")
    MEAL = "meal", _("Meal allowance (events of at least 5 hours)")


FLAT_ALLOWANCES = [LineKind.PHONE, LineKind.ADMINISTRATION, LineKind.CLOTHING, LineKind.MEAL]


class Vehicle(models.TextChoices):
    CAR = "car", _("Car or motorcycle")
    BICYCLE = "bicycle", _("Bicycle or moped")


def private_receipts():
    """Receipts are never under MEDIA_URL: they are read only through a view that checks who
    asks (expenses.views via the back office and Min side)."""
    from django.core.files.storage import FileSystemStorage

    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def receipt_path(instance, filename):
    # The stored name carries nothing personal; the original name is kept in the row.
    import uuid

    return f"receipts/{instance.claim.year}/{uuid.uuid4().hex}"


class ClaimLine(models.Model):
    claim = models.ForeignKey(Claim, models.CASCADE, related_name="lines")
    kind = models.CharField(_("kind"), max_length=16, choices=LineKind.choices)
    date = models.DateField(_("date"))
    purpose = models.CharField(_("purpose"), max_length=200)
    # Driving
    from_place = models.CharField(_("from"), max_length=120, blank=True)
    to_place = models.CharField(_("to"), max_length=120, blank=True)
    km = models.DecimalField(_("km"), max_digits=7, decimal_places=1, null=True, blank=True)
    vehicle = models.CharField(_("vehicle"), max_length=8, choices=Vehicle.choices, blank=True)
    km_low = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    km_high = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    rate_low = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    rate_high = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    # Meal allowance
    days = models.PositiveSmallIntegerField(_("days"), null=True, blank=True)
    # Outlays: the receipt lives in private storage, served only through a checked view.
    receipt = models.FileField(
        _("receipt"),
        upload_to=receipt_path,
        storage=private_receipts,
        blank=True,
    )
    receipt_name = models.CharField(max_length=200, blank=True)
    receipt_type = models.CharField(max_length=40, blank=True)
    amount = models.DecimalField(_("amount (kr)"), max_digits=9, decimal_places=2)
    # When an approver reduced an allowance to the rest of the yearly limit.
    claimed_amount = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("claim line")
        verbose_name_plural = _("claim lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=LineKind.values), name="claim_line_kind_valid"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="claim_line_amount_positive"),
            models.CheckConstraint(
                condition=~Q(kind="mileage")
                | (Q(km__gt=0) & ~Q(vehicle="") & ~Q(from_place="") & ~Q(to_place="")),
                name="claim_line_mileage_complete",
            ),
            models.CheckConstraint(
                condition=~Q(kind="meal") | Q(days__gte=1), name="claim_line_meal_has_days"
            ),
            models.CheckConstraint(
                condition=Q(km_low__isnull=True) | Q(km=F("km_low") + F("km_high")),
                name="claim_line_km_split_adds_up",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date} {self.amount} kr"


class PayerPolicy(models.Model):
    """What an organisation pays, beyond what its kind allows by default (see policy.py)."""

    organisation = models.OneToOneField(
        "organisations.Organisation", models.CASCADE, related_name="expense_policy"
    )
    pays_mileage = models.BooleanField(_("pays mileage"), default=True)
    pays_outlays = models.BooleanField(_("reimburses documented outlays"), default=True)
    pays_flat_allowances = models.BooleanField(
        _("pays flat allowances (associations only)"), default=True
    )
    note = models.TextField(_("how to claim, in your own words"), blank=True)

    class Meta:
        verbose_name = _("expense policy")
        verbose_name_plural = _("expense policies")

    def __str__(self):
        return str(self.organisation)
