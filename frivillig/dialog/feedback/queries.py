"""Reading feedback: the volunteer's open requests, and results for staff and the municipality.

Results are shown per group (an organisation, an area, a kind) only when the group holds at
least MIN_ANSWERS answers; below that, the figures and texts are withheld, so nobody can be
recognised from a handful of answers. Every group is counted by the database in one query."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from frivillig.catalog.models import Area
from frivillig.dialog.feedback.models import FeedbackAnswer, FeedbackKind, FeedbackRequest

MIN_ANSWERS = 5
SUPPRESSED_NOTE = _(
    "Fewer than 5 answers: results are shown from 5 answers, so nobody can be recognised"
)


def open_requests(user) -> QuerySet[FeedbackRequest]:
    """The person's unanswered requests, newest first, with what they are about."""
    return FeedbackRequest.objects.filter(volunteer=user, answered_at__isnull=True).select_related(
        "organisation", "engagement__opportunity", "event"
    )


def open_request_count(user) -> int:
    """For Min side: how many requests for feedback await the person's answer."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return FeedbackRequest.objects.filter(volunteer=user, answered_at__isnull=True).count()


@dataclass(frozen=True)
class Result:
    """One group's figures; all None when the group is too small to show."""

    label: str
    answers: int | None
    average: float | None
    recommend_percent: int | None
    key: str = ""

    @property
    def suppressed(self) -> bool:
        return self.answers is None


def _result(label, row, key="") -> Result:
    count = row["answers"] or 0
    if count < MIN_ANSWERS:
        return Result(str(label), None, None, None, key)
    return Result(
        str(label),
        count,
        round(row["average"], 1),
        round(100 * row["recommending"] / count),
        key,
    )


FIGURES = {
    "answers": Count("pk", distinct=True),
    "average": Avg("satisfaction"),
    "recommending": Count("pk", filter=Q(would_recommend=True), distinct=True),
}


def total(answers: QuerySet[FeedbackAnswer], label="") -> Result:
    return _result(label, answers.aggregate(**FIGURES))


def by_kind(answers: QuerySet[FeedbackAnswer]) -> list[Result]:
    rows = {row["kind"]: row for row in answers.order_by().values("kind").annotate(**FIGURES)}
    empty = {"answers": 0}
    return [
        _result(label, rows.get(kind, empty), kind)
        for kind, label in FeedbackKind.choices
        if kind in rows
    ]


def by_organisation(answers: QuerySet[FeedbackAnswer]) -> list[Result]:
    rows = (
        answers.order_by()
        .values("organisation_id", "organisation__name")
        .annotate(**FIGURES)
        .order_by("organisation__name", "organisation_id")
    )
    return [_result(row["organisation__name"], row, str(row["organisation_id"])) for row in rows]


def by_area(answers: QuerySet[FeedbackAnswer]) -> list[Result]:
    # Averages over the answers that carry each area: grouped through the M2M table, so an
    # answer with two areas counts once in each.
    rows = {
        row["areas"]: row
        for row in answers.filter(areas__isnull=False)
        .order_by()
        .values("areas")
        .annotate(**FIGURES)
    }
    return [
        _result(area.name, rows[area.pk], area.slug)
        for area in Area.objects.filter(pk__in=rows.keys())
    ]


@dataclass(frozen=True)
class Comment:
    month: date
    kind: str
    text: str


def comments(answers: QuerySet[FeedbackAnswer], *, limit: int = 200) -> list[Comment] | None:
    """The free texts of a group, with the month only; None when the group is too small.
    Ordered by month, then by the text itself, never by when each was saved."""
    if answers.count() < MIN_ANSWERS:
        return None
    rows = answers.exclude(text="").order_by("-answered_on", "text")[:limit]
    return [
        Comment(row.answered_on, row.get_kind_display(), row.text)
        for row in rows.only("answered_on", "kind", "text")
    ]
