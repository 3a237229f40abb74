"""The volunteer's conversations in their data export, and nothing of anyone else's."""

import json

from frivillig.dialog.messaging import privacy, services
from frivillig.dialog.messaging.tests.conftest import age


def test_the_export_holds_the_volunteers_own_conversations(thread, volunteer, owner, others_thread):
    age(thread)
    services.reply_as_organisation(thread=thread, by=owner, body="Svar")
    exported = privacy.export_for(volunteer)
    json.dumps(exported)  # JSON-ready
    assert len(exported["message_threads"]) == 1
    (only,) = exported["message_threads"]
    assert only["organisation"] == "Ældresagen Nibe"
    assert only["subject"] == "Spørgsmål om lektiehjælp"
    assert [(m["from"], m["body"]) for m in only["messages"]] == [
        ("you", "Hej\nKan jeg tage min nevø med?"),
        ("organisation", "Svar"),
    ]


def test_a_person_without_conversations_exports_an_empty_list(make_user):
    assert privacy.export_for(make_user()) == {"message_threads": []}
