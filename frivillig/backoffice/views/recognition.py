"""Thanking a volunteer from the back office: from the volunteer's engagement page, so only a
person who volunteers for the organisation (or one below it) can be thanked."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frivillig.backoffice.access import get_in_scope, organisation_view
from frivillig.backoffice.forms import StyledForm
from frivillig.backoffice.views.common import render_page
from frivillig.engagements.models import Engagement
from frivillig.organisations.permissions import MANAGE_APPLICATIONS
from frivillig.recognition import services
from frivillig.recognition.models import THANKS_MAX

SECTION = "volunteers"


class ThanksForm(StyledForm):
    message = forms.CharField(
        label=gettext_lazy("Your thanks"),
        max_length=THANKS_MAX,
        help_text=gettext_lazy(
            "The volunteer gets it by e-mail, and it stays on their page as a line on their record."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": gettext_lazy("Write the message that goes with the thanks.")},
    )


@organisation_view(MANAGE_APPLICATIONS)
def engagement_thank(request, pk):
    engagement = get_in_scope(
        request,
        Engagement.objects.select_related("opportunity", "volunteer", "organisation"),
        pk=pk,
    )
    detail = redirect("backoffice:engagement_detail", request.organisation.slug, engagement.pk)
    form = ThanksForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            services.thank(
                organisation=engagement.organisation,
                volunteer=engagement.volunteer,
                author=request.user,
                message=form.cleaned_data["message"],
            )
        except services.RecognitionError as error:
            form.add_error("message", str(error))
        else:
            messages.success(
                request,
                _("Your thanks has been sent to %(name)s.")
                % {"name": engagement.volunteer.get_full_name() or engagement.volunteer.email},
            )
            return detail
    return render_page(
        request,
        "backoffice/recognition/thank.html",
        {"engagement": engagement, "form": form},
        section=SECTION,
        status=400 if form.errors else 200,
    )
