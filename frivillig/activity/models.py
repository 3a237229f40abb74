"""Monthly totals of activity, kept so that the municipal overview and the public statistics
do not sum millions of raw rows on every request.

Only counts and sums, never a person: a row says how many applications, engagements, sign-ups
and hours an organisation had in a month, in a town or an area. The rows are derived data:
`services.refresh` rebuilds them from the raw tables, and the months not yet covered by a
refresh are always counted live (see `queries`), so a late refresh never makes a figure wrong.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

_HOURS = {"max_digits": 14, "decimal_places": 2, "default": 0}


class MonthlyActivity(models.Model):
    """One organisation's activity in one local month and one town.

    The town depends on the figure, as on the overview: for applications and new engagements
    the opportunity's town, for hours and shifts the shift's town or else its event's. None
    means no fixed town. The `stats_*` columns are the public statistics' narrower view: shifts
    that are open, of published events that start in the shift's year."""

    month = models.DateField(_("month"))  # the first day of the month, in local time
    # None: the whole municipality (the sum of every organisation's rows), read when the scope
    # is every organisation, so the central office's page reads hundreds of rows, not millions.
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, null=True, related_name="+"
    )
    # SET_NULL, as the raw rows do when a place goes: the figures then count as no fixed town.
    place = models.ForeignKey("catalog.Place", models.SET_NULL, null=True, related_name="+")
    applications = models.PositiveIntegerField(default=0)
    engagements = models.PositiveIntegerField(default=0)
    hours = models.DecimalField(**_HOURS)
    stats_shifts = models.PositiveIntegerField(default=0)
    stats_places = models.PositiveIntegerField(default=0)
    stats_confirmed = models.PositiveIntegerField(default=0)
    stats_hours = models.DecimalField(**_HOURS)

    class Meta:
        verbose_name = _("monthly activity")
        verbose_name_plural = _("monthly activity")
        indexes = [models.Index(fields=["month", "organisation"], name="activity_month_org")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.organisation_id} {self.place_id}"


class MonthlyAreaActivity(models.Model):
    """One organisation's applications and hours in one local month and one area. An
    opportunity or event in several areas counts in each, as on the overview."""

    month = models.DateField(_("month"))
    # None: the whole municipality (the sum of every organisation's rows), read when the scope
    # is every organisation, so the central office's page reads hundreds of rows, not millions.
    organisation = models.ForeignKey(
        "organisations.Organisation", models.CASCADE, null=True, related_name="+"
    )
    area = models.ForeignKey("catalog.Area", models.CASCADE, related_name="+")
    applications = models.PositiveIntegerField(default=0)
    hours = models.DecimalField(**_HOURS)

    class Meta:
        verbose_name = _("monthly activity by area")
        verbose_name_plural = _("monthly activity by area")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "organisation", "area"], name="activity_area_month_unique"
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.organisation_id} {self.area_id}"


class DailyActivity(models.Model):
    """The whole municipality's applications, new engagements and hours on one local day.

    For "this year so far against the same period last year": last year's period ends inside a
    closed month, and without these rows that part-month is counted from the raw rows on every
    request (a month of national sign-ups). Only the whole municipality: a smaller scope counts
    its part-month live, which is a share of the rows."""

    day = models.DateField(_("day"), unique=True)
    applications = models.PositiveIntegerField(default=0)
    engagements = models.PositiveIntegerField(default=0)
    hours = models.DecimalField(**_HOURS)

    class Meta:
        verbose_name = _("daily activity")
        verbose_name_plural = _("daily activity")

    def __str__(self):
        return f"{self.day:%Y-%m-%d}"


class Coverage(models.Model):
    """Which months the totals hold: every month before `until` (a first of a month). Months
    from `until` on are counted live from the raw tables. One row, written by each refresh in
    the same transaction as the totals."""

    until = models.DateField()
    refreshed_at = models.DateTimeField()

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="coverage_one_row")]

    def __str__(self):
        return f"before {self.until:%Y-%m}"


class PeopleSnapshot(models.Model):
    """Counts of distinct active volunteers in the whole municipality (in all, by area, town,
    setting and age, first-time and returning), taken by each refresh. Distinct people do not
    add up across months or organisations, so they cannot be summed like the totals, and
    counting them over every active engagement takes seconds at national scale. One row; the
    central office's overview shows it with its time, a smaller scope is counted live."""

    year = models.PositiveIntegerField()  # the age groups and "first time" are of this year
    taken_at = models.DateTimeField()
    figures = models.JSONField()

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(pk=1), name="people_one_row")]

    def __str__(self):
        return f"{self.taken_at:%Y-%m-%d %H:%M}"
