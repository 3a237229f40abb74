"""A person's consultation comments in their data export."""

import pytest

from frivillig.dialog.consultations import privacy, services

pytestmark = pytest.mark.django_db


def test_the_export_holds_my_comments_public_and_private(consultation, volunteer, owner):
    section = consultation.sections.get(number=1)
    services.comment(section=section, author=volunteer, body="Privat", public=False)
    services.comment(section=section, author=owner, body="Ikke min", public=True)
    data = privacy.export_for(volunteer)
    assert [c["body"] for c in data["consultation_comments"]] == ["Privat"]
    row = data["consultation_comments"][0]
    assert row["public"] is False and row["section"] == 1
    assert row["consultation"] == consultation.title
