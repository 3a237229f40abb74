"""The volunteer award for the central volunteer office: rounds (create, open, close) and the
committee's view of the nominations (shortlist, CSV). Nominations are personal words about
named people, so only the office sees them."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from frivillig import spreadsheet
from frivillig.backoffice.forms import StyledForm
from frivillig.coordination.access import municipal_view
from frivillig.recognition import services
from frivillig.recognition.models import (
    ROUND_DESCRIPTION_MAX,
    ROUND_TITLE_MAX,
    AwardRound,
    Nomination,
    RoundStatus,
)


class RoundForm(StyledForm):
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=ROUND_TITLE_MAX,
        help_text=gettext_lazy("For example “Årets frivillige 2026”."),
        error_messages={"required": gettext_lazy("Give the round a title.")},
    )
    description = forms.CharField(
        label=gettext_lazy("Description"),
        max_length=ROUND_DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Shown to citizens above the nomination form."),
    )
    opens_on = forms.DateField(
        label=gettext_lazy("Nominations open"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    closes_on = forms.DateField(
        label=gettext_lazy("Last day for nominations"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class NominationFilter(forms.Form):
    shortlisted = forms.BooleanField(label=gettext_lazy("Only the shortlist"), required=False)


@municipal_view(office_only=True)
@require_GET
def round_list(request):
    rounds = AwardRound.objects.annotate(
        nomination_count=Count("nominations"),
        shortlist_count=Count("nominations", filter=Q(nominations__shortlisted=True)),
    ).order_by("-opens_on", "-pk")
    return render(
        request,
        "coordination/recognition/list.html",
        {"page": Paginator(rounds, 50).get_page(request.GET.get("page"))},
    )


@municipal_view(office_only=True)
def round_create(request):
    today = timezone.localdate()
    form = RoundForm(
        request.POST if request.method == "POST" else None,
        initial={"opens_on": today, "closes_on": today.replace(month=12, day=31)},
    )
    if form.is_bound and form.is_valid():
        try:
            award_round = services.create_round(by=request.user, **form.cleaned_data)
        except services.RecognitionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The round “%(title)s” is created as a draft. Open it when you are ready.")
                % {"title": award_round.title},
            )
            return redirect("coordination:award_round", pk=award_round.pk)
    return render(
        request,
        "coordination/recognition/new.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def _nominations(award_round, shortlisted_only: bool):
    nominations = Nomination.objects.filter(round=award_round).select_related("nominator")
    if shortlisted_only:
        nominations = nominations.filter(shortlisted=True)
    return nominations.order_by("created_at", "pk")


@municipal_view(office_only=True)
@require_GET
def round_detail(request, pk):
    award_round = get_object_or_404(AwardRound, pk=pk)
    form = NominationFilter(request.GET or None)
    only = form.is_valid() and form.cleaned_data["shortlisted"]
    page = Paginator(_nominations(award_round, only), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "coordination/recognition/detail.html",
        {"award_round": award_round, "form": form, "page": page, "only_shortlist": only},
    )


@municipal_view(office_only=True)
@require_POST
def round_status(request, pk):
    award_round = get_object_or_404(AwardRound, pk=pk)
    status = request.POST.get("status", "")
    try:
        services.set_round_status(award_round=award_round, status=status)
    except services.RecognitionError as error:
        messages.error(request, str(error))
    else:
        if status == RoundStatus.OPEN:
            messages.success(request, _("The round is open for nominations."))
        else:
            messages.success(request, _("The round is closed. No more nominations come in."))
    return redirect("coordination:award_round", pk=award_round.pk)


@municipal_view(office_only=True)
@require_POST
def nomination_shortlist(request, pk, nomination_pk):
    nomination = get_object_or_404(Nomination, round_id=pk, pk=nomination_pk)
    shortlisted = request.POST.get("shortlisted") == "1"
    services.set_shortlisted(nomination=nomination, shortlisted=shortlisted)
    if shortlisted:
        messages.success(
            request, _("%(name)s is on the shortlist.") % {"name": nomination.nominee_name}
        )
    else:
        messages.success(
            request,
            _("%(name)s is off the shortlist.") % {"name": nomination.nominee_name},
        )
    url = redirect("coordination:award_round", pk=pk).url
    if request.POST.get("shortlisted_only") == "1":
        url += "?shortlisted=on"
    return redirect(f"{url}#nomination-{nomination.pk}")


@municipal_view(office_only=True)
@require_GET
def round_csv(request, pk):
    award_round = get_object_or_404(AwardRound, pk=pk)
    header = [
        _("Nominee"),
        _("Where they volunteer"),
        _("Reason"),
        _("Nominated by"),
        _("Date"),
        _("Shortlisted"),
    ]
    rows = (
        [
            n.nominee_name,
            n.nominee_organisation,
            n.reason,
            n.nominator.get_full_name() or n.nominator.email,
            timezone.localdate(n.created_at).isoformat(),
            _("yes") if n.shortlisted else _("no"),
        ]
        for n in _nominations(award_round, False)
    )
    response = HttpResponse(
        spreadsheet.csv_bytes(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="indstillinger-{award_round.pk}.csv"'
    return response
