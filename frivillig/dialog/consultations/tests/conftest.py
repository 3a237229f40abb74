"""A consultation ready for comments, and a way to move its deadline into the past."""

from datetime import timedelta

import pytest
from django.utils import timezone

from frivillig.dialog.consultations import services
from frivillig.dialog.consultations.models import Consultation


@pytest.fixture
def make_consultation(db, office_staff):
    def make(*, title="Udkast: Frivilligstrategi", sections=2, publish=True, days=30):
        consultation = services.create_consultation(
            title=title,
            summary="Sig din mening om udkastet.",
            closes_at=timezone.now() + timedelta(days=days),
            by=office_staff,
        )
        for n in range(1, sections + 1):
            services.add_section(
                consultation=consultation, heading=f"Afsnit {n}", body=f"Tekst til afsnit {n}."
            )
        if publish:
            consultation = services.publish(consultation=consultation)
        return consultation

    return make


@pytest.fixture
def consultation(make_consultation):
    return make_consultation()


def close(consultation):
    """Let the deadline pass (a minute ago)."""
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    consultation.refresh_from_db()
    return consultation


def da(msgid: str) -> str:
    """The Danish text of `msgid`, HTML-escaped as a page shows it. (The Danish for this part
    lives in the shared .po files; until it is merged, this is the English text.)"""
    from django.utils.html import escape
    from django.utils.translation import gettext, override

    with override("da"):
        return escape(gettext(msgid))
