"""The announcements part of a person's data export.

On account deletion the person's deliveries (what they received and when they read it) and
their opt-outs go with them: Delivery.user and AnnouncementOptOut.user are CASCADE, because
they are about nobody once the person is gone. An announcement itself stays for the
organisation and the other recipients; a deleted writer leaves it with no author
(Announcement.author is SET_NULL)."""

from django.db.models import F

from frivillig.dialog.announcements.models import AnnouncementOptOut, Delivery


def _iso(value):
    return value.isoformat() if value else None


def export_for(user) -> dict:
    deliveries = (
        Delivery.objects.filter(user=user)
        .select_related("announcement__organisation")
        .order_by("created_at", "pk")
    )
    opt_outs = (
        AnnouncementOptOut.objects.filter(user=user)
        .annotate(organisation_name=F("organisation__name"), slug=F("organisation__slug"))
        .order_by("created_at", "pk")
    )
    return {
        "announcements_received": [
            {
                "organisation": delivery.announcement.organisation.name,
                "subject": delivery.announcement.subject,
                "message": delivery.announcement.body,
                "received_at": _iso(delivery.created_at),
                "read_at": _iso(delivery.read_at),
            }
            for delivery in deliveries
        ],
        "announcement_opt_outs": [
            {
                "organisation": opt_out.organisation_name,
                "organisation_slug": opt_out.slug,
                "since": _iso(opt_out.created_at),
            }
            for opt_out in opt_outs
        ],
    }
