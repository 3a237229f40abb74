from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(*, to: list[str], subject: str, text: str, html: str, reply_to: list[str]):
    """Deliver one e-mail. Runs in a worker (or at once in the demo and tests)."""
    message = EmailMultiAlternatives(subject=subject, body=text, to=to, reply_to=reply_to)
    message.attach_alternative(html, "text/html")
    message.send()


@task()
def send_daily_digest() -> int:
    """The daily digest, for a scheduler that runs tasks rather than cron (same as
    `manage.py send_daily_digest`)."""
    # Imported here: digest needs emails, which needs this module's send_email.
    from frivillig.notifications.digest import send_digests

    return send_digests()
