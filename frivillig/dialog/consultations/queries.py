"""Reads of consultations. A private comment is shown to its author and to the municipality's
central office, never to anyone else: every public read goes through `visible_comments`."""

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, Value, When
from django.utils import timezone

from frivillig.dialog.consultations.models import Comment, Consultation, Section, Status


def published():
    """Published consultations, the open ones first (soonest deadline first), then the closed
    and answered ones (latest first)."""
    now = timezone.now()
    return (
        Consultation.objects.filter(status=Status.PUBLISHED)
        .annotate(
            is_open_now=Case(
                When(closes_at__gt=now, response_published_at__isnull=True, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            public_comment_count=Count(
                "sections__comments", filter=Q(sections__comments__public=True)
            ),
        )
        .order_by(
            "is_open_now",
            Case(When(is_open_now=0, then=F("closes_at"))).asc(nulls_last=True),
            F("closes_at").desc(),
            "pk",
        )
    )


def visible_comments(user=None):
    """Public comments, and the user's own private ones."""
    condition = Q(public=True)
    if user is not None and getattr(user, "is_authenticated", False):
        condition |= Q(author=user)
    return (
        Comment.objects.filter(condition)
        .select_related("author", "on_behalf_of")
        .order_by("created_at", "pk")
    )


def sections_queryset():
    return Section.objects.order_by("number")


def sections_with_comments(consultation, comments):
    """The sections in order, each with `shown` holding the given comments; three queries
    however many sections and comments."""
    return list(
        Section.objects.filter(consultation=consultation)
        .order_by("number")
        .prefetch_related(Prefetch("comments", queryset=comments, to_attr="shown"))
    )


def all_comments(consultation):
    """Every comment, public and private, for the municipality's own reading and export."""
    return (
        Comment.objects.filter(section__consultation=consultation)
        .select_related("author", "on_behalf_of", "section")
        .order_by("section__number", "created_at", "pk")
    )
