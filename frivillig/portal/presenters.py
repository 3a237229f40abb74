"""Plain-language sentences about an opportunity, shared by its page and its list entries."""

import json

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from frivillig.engagements import eligibility

_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def time_commitment(opportunity) -> str:
    if opportunity.hours_per_month:
        return ngettext(
            "About %(n)d hour a month", "About %(n)d hours a month", opportunity.hours_per_month
        ) % {"n": opportunity.hours_per_month}
    if opportunity.hours_total:
        return ngettext(
            "About %(n)d hour in all", "About %(n)d hours in all", opportunity.hours_total
        ) % {"n": opportunity.hours_total}
    return _("By agreement")


def requirements(opportunity) -> list[str]:
    lines = []
    if opportunity.min_age:
        lines.append(_("You must be at least %(age)d years old.") % {"age": opportunity.min_age})
    if opportunity.requires_child_certificate:
        lines.append(
            _(
                "The organisation will ask for a child certificate (børneattest) with "
                "your consent, because you will be with children under 15. It is free "
                "and takes a few days."
            )
        )
    if opportunity.requires_driving_licence:
        lines.append(_("You need a driving licence."))
    names = eligibility.required_qualification_names(opportunity)
    if names:
        lines.append(
            _("The organisation checks that you have: %(names)s.") % {"names": ", ".join(names)}
        )
    if opportunity.languages:
        lines.append(_("Languages: %(languages)s.") % {"languages": opportunity.languages})
    if opportunity.skills:
        lines.append(_("Useful skills: %(skills)s.") % {"skills": opportunity.skills})
    if not lines:
        lines.append(_("No special requirements: everyone is welcome."))
    return lines


def offers(opportunity) -> list[str]:
    lines = []
    if opportunity.offers_training:
        lines.append(_("Training and introduction"))
    if opportunity.covers_expenses:
        lines.append(_("Expenses covered (e.g. driving)"))
    if opportunity.offers_insurance:
        lines.append(_("Insurance while you volunteer"))
    return lines


def suitability(opportunity) -> list[str]:
    flags = [
        (opportunity.suits_young, _("Young people")),
        (opportunity.suits_seniors, _("Seniors")),
        (opportunity.suits_families, _("Families")),
        (opportunity.suits_english_speakers, _("In English, for newcomers")),
        (opportunity.wheelchair_accessible, _("Accessible for wheelchair users")),
    ]
    return [label for flag, label in flags if flag]


def json_ld(opportunity, site_url: str) -> str:
    """schema.org JobPosting with employmentType VOLUNTEER, safe to put in a <script>."""
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": opportunity.title,
        "description": opportunity.description,
        "employmentType": "VOLUNTEER",
        "datePosted": opportunity.published_at.date().isoformat()
        if opportunity.published_at
        else None,
        "validThrough": opportunity.publish_until.isoformat()
        if opportunity.publish_until
        else None,
        "url": site_url + opportunity.get_absolute_url(),
        "hiringOrganization": {
            "@type": "Organization",
            "name": opportunity.organisation.name,
            "url": site_url + opportunity.organisation.get_absolute_url(),
        },
        "inLanguage": "da",
    }
    if opportunity.place:
        data["jobLocation"] = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": opportunity.address or None,
                "postalCode": opportunity.place.postal_code,
                "addressLocality": opportunity.place.name,
                "addressCountry": "DK",
            },
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": opportunity.latitude,
                "longitude": opportunity.longitude,
            },
        }
    else:
        data["jobLocationType"] = "TELECOMMUTE"
    data = {k: v for k, v in data.items() if v is not None}
    return json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
