"""E-mailed codes for flows that live on our own pages (the three-step "Meld dig"), built on
allauth's own machinery: its login-by-code process for someone who is not signed in, and its
e-mail-verification-by-code process for someone signed in with an unconfirmed address.

That way the code, its lifetime, the number of tries, the resend quota, the rate limits, the
translated e-mails and the final "address verified + signed in" step are allauth's, not a
second implementation. The price is a few imports from `allauth.account.internal`: they are
all in this module, so after an allauth upgrade this is the one file to check (the tests in
accounts/tests/test_codes.py and portal/tests/test_apply_*.py drive every path).

The process state lives in the session (allauth's keys), so it is bound to the browser that
asked for the code; the code itself never leaves the server except in the e-mail."""

from allauth.account.forms import ConfirmLoginCodeForm
from allauth.account.internal.flows.email_verification_by_code import EmailVerificationProcess
from allauth.account.internal.flows.login_by_code import LoginCodeVerificationProcess
from allauth.account.stages import LoginByCodeStage, LoginStageController
from allauth.core import ratelimit
from allauth.core.exceptions import ImmediateHttpResponse
from django.utils.translation import gettext as _


class CodeError(Exception):
    """The code step cannot go on; str() says what to do, in the user's language."""


class CodeRateLimited(CodeError):
    def __init__(self):
        super().__init__(
            _(
                "You have asked for many codes in a short time. Wait a few minutes and ask "
                "for a new code; what you wrote is kept."
            )
        )


class WrongCode(CodeError):
    def __init__(self, attempts_left: bool):
        self.attempts_left = attempts_left
        if attempts_left:
            message = _("That code is not right. Check the e-mail and try again.")
        else:
            message = _(
                "That code was wrong too many times, so it no longer works. Ask for a new "
                "code; what you wrote is kept."
            )
        super().__init__(message)


def send_code(request, *, user, email: str) -> None:
    """E-mail a code to `email`, the address of `user`. Raises CodeRateLimited."""
    if request.user.is_authenticated:
        try:
            # allauth consumes its own `confirm_email` limit while sending and answers a
            # breach with an immediate 429 response; here it becomes a message instead.
            EmailVerificationProcess.initiate(request=request, user=user, email=email)
        except ImmediateHttpResponse:
            raise CodeRateLimited() from None
        return
    if not ratelimit.consume(request, action="request_login_code", key=email.lower()):
        raise CodeRateLimited()
    LoginCodeVerificationProcess.initiate(request=request, user=user, email=email)


def pending_process(request, *, user_id: int, email: str):
    """The live code process for this person and address, or None when it has expired, was
    used up, or was replaced by another sign-in in the same browser."""
    if request.user.is_authenticated:
        if request.user.pk != user_id:
            return None
        process = EmailVerificationProcess.resume(request)
    else:
        stage = LoginStageController.enter(request, LoginByCodeStage.key)
        process = LoginCodeVerificationProcess.resume(stage) if stage else None
    if process is None:
        return None
    if (process.state.get("email") or "").lower() != email.lower():
        return None
    if str(process.state.get("user_id")) != str(user_id):
        return None
    return process


def check_code(process, code: str) -> None:
    """Raises WrongCode (counting the try) unless `code` is the one that was sent."""
    # allauth's codes are upper-case letters; phones like to type them in lower case.
    form = ConfirmLoginCodeForm(data={"code": code.upper()}, code=process.code)
    if not form.is_valid():
        raise WrongCode(attempts_left=process.record_invalid_attempt())


def finish(request, process):
    """The code was right: mark the address verified and, if needed, sign the person in.
    Returns None when the person is now signed in with a verified address, or allauth's
    response when something still stands in the way (e.g. an inactive account)."""
    if isinstance(process, EmailVerificationProcess):
        process.finish()
        return None
    response = process.finish(None)
    return None if request.user.is_authenticated else response


def resend(request, process) -> None:
    """A new code for a live process. Raises CodeRateLimited when the quota is used."""
    if not process.can_resend or not ratelimit.consume(
        request, action="request_login_code", key=process.state["email"].lower()
    ):
        raise CodeRateLimited()
    try:
        process.resend()
    except ImmediateHttpResponse:
        raise CodeRateLimited() from None
