"""Opportunities that fit a volunteer's profile, each with the reasons in plain words.

The ranking happens in the database, so a recommendation costs the same handful of queries
whether the catalogue holds five opportunities or five thousand. Hard requirements (age,
driving licence, one-off versus recurring) filter; interests and distance rank.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frivillig.accounts.models import VolunteerProfile
from frivillig.catalog.geo import distance_expression
from frivillig.catalog.models import Opportunity, OpportunityKind
from frivillig.catalog.queries import origin_for_postal_code
from frivillig.engagements.models import Application, Engagement

# "Near" for someone who chose no areas: a short trip by bike or bus. Tasks in the
# volunteer's own areas are suggested at any distance, nearest first.
NEARBY_KM = 15
# A task this light fits around a working week even though we do not know its weekdays.
LIGHT_HOURS_PER_MONTH = 4
LIGHT_HOURS_TOTAL = 8

ONE_OFF_KINDS = (OpportunityKind.ONE_OFF, OpportunityKind.EVENT)


@dataclass(frozen=True)
class Recommendation:
    opportunity: Opportunity
    reasons: list[str] = field(default_factory=list)


def profile_gaps(profile: VolunteerProfile | None, *, has_interests: bool | None = None):
    """What the volunteer could fill in to get (better) recommendations, in plain words."""
    if profile is None:
        return [
            _("Choose the areas that interest you."),
            _("Add your postal code, so we can find opportunities near you."),
        ]
    if has_interests is None:
        has_interests = profile.interests.exists()
    gaps = []
    if not has_interests:
        gaps.append(_("Choose the areas that interest you."))
    if not profile.postal_code:
        gaps.append(_("Add your postal code, so we can find opportunities near you."))
    if profile.birth_year is None:
        gaps.append(_("Add your birth year, so we can leave out tasks with an age limit."))
    return gaps


def _kind_preference(profile: VolunteerProfile) -> str:
    """'recurring' or 'one_off' when the volunteer wants only that, else '' (no preference)."""
    if profile.wants_recurring and not profile.wants_one_off:
        return OpportunityKind.RECURRING
    if profile.wants_one_off and not profile.wants_recurring:
        return OpportunityKind.ONE_OFF
    return ""


def _age(profile: VolunteerProfile) -> int | None:
    # The same rule as eligibility.check_age, so we never recommend what apply() refuses.
    return profile.age_in(timezone.localdate().year)


def _candidates(*, user, profile, interest_ids, origin, now=None):
    qs = Opportunity.objects.visible(now).filter(
        ~Exists(Application.objects.filter(volunteer=user, opportunity=OuterRef("pk"))),
        ~Exists(Engagement.objects.filter(volunteer=user, opportunity=OuterRef("pk"))),
    )
    age = _age(profile)
    if age is not None:
        qs = qs.filter(Q(min_age__isnull=True) | Q(min_age__lte=age))
    if not profile.has_driving_licence:
        qs = qs.filter(requires_driving_licence=False)
    preference = _kind_preference(profile)
    if preference == OpportunityKind.RECURRING:
        qs = qs.filter(kind=OpportunityKind.RECURRING)
    elif preference == OpportunityKind.ONE_OFF:
        qs = qs.filter(kind__in=ONE_OFF_KINDS)

    zero = Value(0, output_field=IntegerField())
    if interest_ids:
        qs = qs.annotate(
            interest_match=Exists(
                Opportunity.areas.through.objects.filter(
                    opportunity_id=OuterRef("pk"), area_id__in=interest_ids
                )
            )
        )
        interest_score = Case(
            When(interest_match=True, then=Value(100)), default=zero, output_field=IntegerField()
        )
    else:
        interest_score = zero
    if origin is not None:
        qs = qs.annotate(distance=distance_expression(*origin))
        distance_score = Case(
            When(distance__lte=3, then=Value(40)),
            When(distance__lte=8, then=Value(25)),
            When(distance__lte=NEARBY_KM, then=Value(10)),
            When(is_flexible_location=True, then=Value(20)),
            default=zero,
            output_field=IntegerField(),
        )
    else:
        distance_score = zero

    # Something must fit: one of the volunteer's areas, or near where they live.
    fits = Q(pk__in=[])
    if interest_ids:
        fits |= Q(interest_match=True)
    if origin is not None:
        fits |= Q(distance__lte=NEARBY_KM)
    qs = qs.filter(fits)

    urgent_score = Case(
        When(is_urgent=True, then=Value(5)), default=zero, output_field=IntegerField()
    )
    qs = qs.annotate(score=interest_score + distance_score + urgent_score)
    order = [F("score").desc()]
    if origin is not None:
        order.append(F("distance").asc(nulls_last=True))
    order += [F("published_at").desc(nulls_last=True), "-pk"]
    return qs.order_by(*order).select_related("organisation", "place").prefetch_related("areas")


def _reasons(opportunity, *, profile, interest_ids, origin) -> list[str]:
    reasons = []
    matching = [area.name for area in opportunity.areas.all() if area.pk in interest_ids]
    if matching:
        reasons.append(
            ngettext(
                "Within your area of interest %(areas)s",
                "Within your areas of interest %(areas)s",
                len(matching),
            )
            % {"areas": ", ".join(matching)}
        )
    distance = getattr(opportunity, "distance", None)
    if origin is not None and distance is not None:
        if distance < 1:
            reasons.append(
                _("Less than 1 km from %(postal_code)s") % {"postal_code": profile.postal_code}
            )
        else:
            reasons.append(
                _("%(km)d km from %(postal_code)s")
                % {"km": round(distance), "postal_code": profile.postal_code}
            )
    elif opportunity.is_flexible_location:
        reasons.append(_("Flexible location, e.g. from home"))

    preference = _kind_preference(profile)
    if preference == OpportunityKind.RECURRING:
        reasons.append(_("Fits your time: a recurring task"))
    elif preference == OpportunityKind.ONE_OFF:
        reasons.append(_("Fits your time: a one-off task"))
    # Opportunities have no weekdays, so availability can only match weakly: someone who is
    # free only in evenings or at weekends is best served by a light task.
    busy_weekdays = not profile.available_weekdays and (
        profile.available_evenings or profile.available_weekends
    )
    if busy_weekdays:
        if opportunity.hours_per_month and opportunity.hours_per_month <= LIGHT_HOURS_PER_MONTH:
            reasons.append(
                ngettext(
                    "Fits your time: about %(n)d hour a month",
                    "Fits your time: about %(n)d hours a month",
                    opportunity.hours_per_month,
                )
                % {"n": opportunity.hours_per_month}
            )
        elif (
            opportunity.kind in ONE_OFF_KINDS
            and opportunity.hours_total
            and opportunity.hours_total <= LIGHT_HOURS_TOTAL
        ):
            reasons.append(
                ngettext(
                    "Fits your time: about %(n)d hour in all",
                    "Fits your time: about %(n)d hours in all",
                    opportunity.hours_total,
                )
                % {"n": opportunity.hours_total}
            )

    age = _age(profile)
    if opportunity.min_age and age is not None and age >= opportunity.min_age:
        reasons.append(
            _("You meet the age requirement (%(age)d years or older)")
            % {"age": opportunity.min_age}
        )
    if opportunity.requires_driving_licence and profile.has_driving_licence:
        reasons.append(_("You have the driving licence it requires"))
    return reasons


def recommend(*, user, limit: int = 6, now=None) -> list[Recommendation]:
    """Up to `limit` visible opportunities that fit `user`'s profile and that they have not
    applied for nor engaged in, best first. Empty when the profile says nothing to go by
    (see `profile_gaps` for what to ask for). Five queries, however many candidates."""
    profile = VolunteerProfile.objects.filter(user=user).first()
    if profile is None:
        return []
    interest_ids = set(profile.interests.values_list("pk", flat=True))
    origin = origin_for_postal_code(profile.postal_code) if profile.postal_code else None
    if not interest_ids and origin is None:
        return []
    candidates = _candidates(
        user=user, profile=profile, interest_ids=interest_ids, origin=origin, now=now
    )[:limit]
    return [
        Recommendation(
            opportunity=opportunity,
            reasons=_reasons(
                opportunity, profile=profile, interest_ids=interest_ids, origin=origin
            ),
        )
        for opportunity in candidates
    ]
