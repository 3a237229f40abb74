"""What every back-office page shares: the section in the sub-navigation, what the user may
do here, and paging."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from frivillig.engagements.services import REMINDER_AFTER_DAYS
from frivillig.organisations import permissions

# An unanswered application is flagged from the day the first reminder goes out (3 days).
WAITING_WARNING_DAYS = REMINDER_AFTER_DAYS[0]


def render_page(request, template, context=None, *, section, status=200):
    can = {
        "manage_opportunities": request.can(permissions.MANAGE_OPPORTUNITIES),
        "manage_applications": request.can(permissions.MANAGE_APPLICATIONS),
        "manage_members": request.can(permissions.MANAGE_MEMBERS),
        "manage_tokens": request.can(permissions.MANAGE_TOKENS),
    }
    return render(
        request,
        template,
        {"section": section, "can": can, **(context or {})},
        status=status,
    )


def paginate(request, queryset, per_page=50):
    """A page of results; a page number that is not a number or out of range gives the
    nearest real page rather than an error."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def mark_waiting(applications, now=None):
    """How long each pending application has waited, for the "unanswered for n days" label."""
    today = timezone.localdate(now or timezone.now())
    for application in applications:
        application.days_waiting = (today - timezone.localdate(application.created_at)).days
        application.is_overdue = application.days_waiting >= WAITING_WARNING_DAYS
    return applications
