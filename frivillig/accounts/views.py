"""The volunteer's profile page. E-mail, password and single sign-on connections are managed
on allauth's own pages, linked from here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from frivillig.accounts import services
from frivillig.accounts.forms import ProfileForm


@login_required
def profile(request):
    form = ProfileForm(
        data=request.POST if request.method == "POST" else None,
        initial=ProfileForm.initial_for(request.user),
    )
    if form.is_valid():
        try:
            services.update_profile(user=request.user, **form.cleaned_data)
        except services.ProfileError as error:
            form.add_error(error.field, str(error))
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/profile.html", {"form": form, "nav": "profile"}, status=status)
