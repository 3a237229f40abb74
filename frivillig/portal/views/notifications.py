"""The volunteer's choice, per kind of notice, between an e-mail at once and a daily digest.

Notices about the person's own shifts, applications, agreements and expense claims are not
here: they always come at once (notifications.services)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from frivillig.notifications import services
from frivillig.notifications.categories import Category
from frivillig.notifications.models import Mode

CHOICE_ERRORS = {
    "required": gettext_lazy("Choose how you want to get these notices."),
    "invalid_choice": gettext_lazy("Choose one of the two ways."),
}


class PreferencesForm(forms.Form):
    """One group of two radio buttons per category, named by the category's value. The API
    validates its JSON body with the same form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for category in Category:
            self.fields[category.value] = forms.ChoiceField(
                label=category.label,
                choices=Mode.choices,
                widget=forms.RadioSelect,
                error_messages=CHOICE_ERRORS,
            )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(
        data=request.POST if request.method == "POST" else None,
        initial=services.preferences_for(request.user),
    )
    if form.is_bound and form.is_valid():
        try:
            services.set_preferences(user=request.user, modes=form.cleaned_data)
        except services.NotificationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Your choices for notifications have been saved."))
            return redirect("portal:notification_preferences")
    return render(
        request,
        "portal/notifications/preferences.html",
        {
            "form": form,
            "pending_count": services.pending_count(request.user),
            "nav": "my_page",
        },
        status=400 if form.is_bound else 200,
    )
