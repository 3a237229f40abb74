"""E-mails in the recipient's language, as plain text and HTML, sent after the transaction
that caused them has committed (never from inside it, so a rollback sends nothing)."""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import partial

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from frivillig.notifications.tasks import send_email

_suppressed: ContextVar[bool] = ContextVar("emails_suppressed", default=False)


@contextmanager
def suppressed():
    """Send nothing from inside this block: for loading demo history through the services."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def is_suppressed() -> bool:
    return _suppressed.get()


def recipient_language(user) -> str:
    profile = getattr(user, "profile", None) if user is not None else None
    return getattr(profile, "language", None) or settings.LANGUAGE_CODE


def render_email(template: str, context: dict, language: str) -> tuple[str, str, str]:
    context = {"site_url": settings.SITE_URL, "municipality": settings.MUNICIPALITY, **context}
    with translation.override(language):
        subject = render_to_string(f"email/{template}_subject.txt", context, using="text")
        text = render_to_string(f"email/{template}.txt", context, using="text")
        # The HTML part is the same text, with paragraphs and clickable links, so the two
        # can never say different things.
        # The text engine returns "safe" strings; as plain str the HTML engine escapes them.
        plain = {"subject": str.__str__(subject), "body": str.__str__(text)}
        html = render_to_string("email/base.html", {**context, **plain})
    return " ".join(subject.split()), text, html


def send_templated(
    *, to: list[str], template: str, context: dict, language: str, reply_to: list[str] | None = None
) -> None:
    to = [address for address in to if address]
    if not to or _suppressed.get():
        return
    subject, text, html = render_email(template, context, language)
    transaction.on_commit(
        partial(
            send_email.enqueue,
            to=to,
            subject=subject,
            text=text,
            html=html,
            reply_to=reply_to or [],
        )
    )


def send_to_user(user, *, template: str, context: dict, reply_to=None) -> None:
    send_templated(
        to=[user.email],
        template=template,
        context={"recipient": user, **context},
        language=recipient_language(user),
        reply_to=reply_to,
    )


def deliver_to_user(user, *, template: str, context: dict, reply_to=None) -> None:
    """Render and send at once. For task workers, which run outside any request's
    transaction and are where rendering belongs on a hot path (see events.notices)."""
    if _suppressed.get() or not user.email:
        return
    subject, text, html = render_email(
        template, {"recipient": user, **context}, recipient_language(user)
    )
    send_email.call(to=[user.email], subject=subject, text=text, html=html, reply_to=reply_to or [])
