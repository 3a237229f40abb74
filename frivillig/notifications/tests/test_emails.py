from django.core import mail

from frivillig.notifications.emails import render_email, send_templated


def test_it_keeps_plain_text_plain_and_escapes_the_html_part(db):
    subject, text, html = render_email(
        "application_withdrawn_subject".removesuffix("_subject"),
        {"opportunity": {"title": "Børn & Unge <3"}, "note": "Tak & farvel"},
        "da",
    )
    assert "Børn & Unge <3" in subject
    assert "Tak & farvel" in text
    assert "Tak &amp; farvel" in html
    assert "<3" not in html


def test_it_writes_in_the_language_asked_for(db):
    subject_en, _, html_en = render_email(
        "application_reminder",
        {"opportunity": {"title": "X"}, "days": 3, "backoffice_url": "/org/x/"},
        "en",
    )
    subject_da, _, _ = render_email(
        "application_reminder",
        {"opportunity": {"title": "X"}, "days": 3, "backoffice_url": "/org/x/"},
        "da",
    )
    assert subject_en.startswith("Reminder")
    assert subject_da.startswith("Påmindelse")
    assert '<html lang="en">' in html_en


def test_it_sends_only_after_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_templated(
            to=["a@example.dk"],
            template="application_reminder",
            context={"opportunity": {"title": "X"}, "days": 3, "backoffice_url": "/org/x/"},
            language="da",
        )
    assert mail.outbox == []
    callbacks[0]()
    assert mail.outbox[0].to == ["a@example.dk"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"
