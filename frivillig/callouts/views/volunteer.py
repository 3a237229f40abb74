"""The volunteer's side: the answer page behind the e-mail link, and the call-out
preferences on "Min side".

The answer page needs no log-in: the token in the link is the secret, and it lets its holder
answer for that one invitation and see the call-out, never anyone else's data. The page is
not cached, not indexed, and sends no referrer to other sites, so the token goes no further."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from frivillig.accounts.models import VolunteerProfile
from frivillig.callouts import matching, services
from frivillig.callouts.forms import PreferenceForm
from frivillig.callouts.models import Answer, CallOutPreference, CallOutStatus

ACCEPT, DECLINE = "accept", "decline"

_CHANGE_MESSAGES = {
    "accepted": (messages.SUCCESS, gettext_lazy("Thank you! You have said yes. We count on you.")),
    "declined": (
        messages.INFO,
        gettext_lazy("Thank you for answering. We will not count on you this time."),
    ),
    "withdrawn": (
        messages.INFO,
        gettext_lazy("You have withdrawn your yes, and your place is free for someone else."),
    ),
}


@never_cache
def callout_respond(request, token):
    response = services.response_for_token(token)
    if response is None:
        raise Http404
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer in (ACCEPT, DECLINE):
            try:
                outcome = services.respond(token=token, accept=answer == ACCEPT)
            except services.CallOutFull as full:
                messages.info(request, str(full))
            except services.CallOutError as error:
                messages.error(request, str(error))
            else:
                if outcome.change in _CHANGE_MESSAGES:
                    level, text = _CHANGE_MESSAGES[outcome.change]
                    messages.add_message(request, level, str(text))
        return redirect("portal:callout_respond", token)
    callout = response.callout
    page = render(
        request,
        "callouts/respond.html",
        {
            "response": response,
            "callout": callout,
            "is_open": callout.status == CallOutStatus.OPEN
            and not services.is_over(callout, timezone.now()),
            "has_said_yes": response.answer == Answer.ACCEPTED,
            "has_said_no": response.answer == Answer.DECLINED,
        },
    )
    # "same-origin", not "no-referrer": with no-referrer browsers send `Origin: null` on the
    # form POST, which the CSRF check rightly refuses; other sites still get no referrer.
    page["Referrer-Policy"] = "same-origin"
    page["X-Robots-Tag"] = "noindex"
    return page


@login_required
def callout_preferences(request):
    preference = CallOutPreference.objects.select_related("place").filter(user=request.user).first()
    if request.method == "POST":
        form = PreferenceForm(request.POST)
        if form.is_valid():
            services.save_preference(user=request.user, **form.cleaned_data)
            if form.cleaned_data["opted_in"]:
                messages.success(request, _("Saved. We will e-mail you when help is needed."))
            else:
                messages.success(request, _("Saved. We will not e-mail you about call-outs."))
            return redirect("portal:callout_preferences")
    else:
        initial = (
            {
                "opted_in": preference.opted_in,
                "place": preference.place_id,
                "skills": preference.skill_list,
            }
            if preference
            else {}
        )
        form = PreferenceForm(initial=initial)
    profile = VolunteerProfile.objects.filter(user=request.user).first()
    return render(
        request,
        "callouts/preferences.html",
        {
            "form": form,
            "preference": preference,
            "home": matching.home_place(preference, profile),
        },
        status=400 if form.errors else 200,
    )
