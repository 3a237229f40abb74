"""Who is told what when an application or engagement changes. Called inside the service's
transaction; the e-mails themselves leave after commit (notifications.emails)."""

from django.urls import reverse

from frivillig.notifications.emails import send_templated, send_to_user
from frivillig.organisations.models import Membership
from frivillig.organisations.permissions import MANAGE_APPLICATIONS, roles_with


def _organisation_recipients(organisation, opportunity):
    """The staff who answer applications, and the opportunity's contact address if it is
    not one of theirs."""
    users = [
        m.user
        for m in Membership.objects.filter(
            organisation=organisation, role__in=roles_with(MANAGE_APPLICATIONS)
        ).select_related("user__profile")
    ]
    known = {u.email.lower() for u in users}
    extra = sorted(
        {
            a
            for a in (opportunity.contact_email, organisation.contact_email)
            if a and a.lower() not in known
        }
    )
    return users, extra


def _tell_organisation(application_or_engagement, template, context):
    item = application_or_engagement
    users, extra = _organisation_recipients(item.organisation, item.opportunity)
    context = {
        "item": item,
        "opportunity": item.opportunity,
        "organisation": item.organisation,
        "volunteer": item.volunteer,
        "backoffice_url": reverse("backoffice:dashboard", args=[item.organisation.slug]),
        **context,
    }
    for user in users:
        send_to_user(user, template=template, context=context)
    if extra:
        send_templated(to=extra, template=template, context=context, language="da")


def _tell_volunteer(item, template, context, reply_to=None):
    send_to_user(
        item.volunteer,
        template=template,
        context={
            "item": item,
            "opportunity": item.opportunity,
            "organisation": item.organisation,
            "my_page_url": reverse("portal:my_page"),
            **context,
        },
        reply_to=reply_to,
    )


def _contact_reply_to(opportunity):
    return [opportunity.contact_email] if opportunity.contact_email else None


def application_received(application):
    _tell_organisation(application, "application_received", {})
    _tell_volunteer(application, "application_receipt", {})


def application_accepted(application, by):
    _tell_volunteer(
        application,
        "application_accepted",
        {"by": by},
        reply_to=_contact_reply_to(application.opportunity),
    )


def application_declined(application, by):
    _tell_volunteer(application, "application_declined", {"by": by})


def application_question(application, by):
    reply_to = [by.email] if by is not None and by.email else None
    _tell_volunteer(application, "application_question", {"by": by}, reply_to=reply_to)


def application_withdrawn(application, note):
    _tell_organisation(application, "application_withdrawn", {"note": note})


def application_reminder(application, days):
    _tell_organisation(application, "application_reminder", {"days": days})


def engagement_paused(engagement, note):
    _tell_organisation(engagement, "engagement_paused", {"note": note})


def engagement_resumed(engagement):
    _tell_organisation(engagement, "engagement_resumed", {})


def engagement_ended_by_volunteer(engagement, note):
    _tell_organisation(engagement, "engagement_ended", {"note": note})


def engagement_ended_by_organisation(engagement, by, message):
    _tell_volunteer(engagement, "engagement_ended_by_organisation", {"by": by, "message": message})


def qualification_recheck_due(record):
    """A month before a recheck date: the volunteer, and the organisation's staff who manage
    its volunteers."""
    context = {
        "record": record,
        "qualification": record.qualification_type,
        "organisation": record.organisation,
        "volunteer": record.volunteer,
        "my_page_url": reverse("portal:my_page"),
        "backoffice_url": reverse("backoffice:dashboard", args=[record.organisation.slug]),
    }
    send_to_user(record.volunteer, template="qualification_recheck_volunteer", context=context)
    staff = Membership.objects.filter(
        organisation=record.organisation, role__in=roles_with(MANAGE_APPLICATIONS)
    ).select_related("user__profile")
    for membership in staff:
        send_to_user(membership.user, template="qualification_recheck_staff", context=context)
