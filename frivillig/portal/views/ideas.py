"""Citizens' ideas on the portal: the public page with the ideas that became volunteer
efforts, "Jeg har en idé" (signed in, so the proposer can follow it), and the proposer's own
ideas on "Min side" with their timeline and the consent to show them.

An idea is shown only to its own proposer here; anyone else gets a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from frivillig.dialog.ideas import queries, services
from frivillig.dialog.ideas.forms import ConsentForm, IdeaForm
from frivillig.dialog.ideas.models import Idea


def get_idea_for_user(user, pk: int) -> Idea:
    """The user's own idea with its timeline, or a 404 for anyone else's."""
    try:
        return queries.idea_of(user, pk)
    except Idea.DoesNotExist:
        raise Http404 from None


@require_GET
def public_ideas(request):
    page = Paginator(queries.public_ideas(), 20).get_page(request.GET.get("page"))
    return render(request, "portal/ideas/public.html", {"page": page})


@require_http_methods(["GET", "POST"])
def new_idea(request):
    if not request.user.is_authenticated:
        return render(request, "portal/ideas/new.html", {"form": None})
    form = IdeaForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            idea = services.propose(proposer=request.user, **form.cleaned_data)
        except services.IdeaError as error:
            form.add_error(None, str(error))
        else:
            return redirect("portal:idea_receipt", pk=idea.pk)
    return render(
        request,
        "portal/ideas/new.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@never_cache
@login_required
@require_GET
def idea_receipt(request, pk):
    return render(
        request,
        "portal/ideas/receipt.html",
        {"idea": get_idea_for_user(request.user, pk), "nav": "my_page"},
    )


@never_cache
@login_required
@require_GET
def my_ideas(request):
    ideas = queries.ideas_of(request.user).order_by("-created_at", "-pk")
    return render(request, "portal/ideas/list.html", {"ideas": ideas, "nav": "my_page"})


@never_cache
@login_required
@require_GET
def my_idea(request, pk):
    idea = get_idea_for_user(request.user, pk)
    return render(
        request,
        "portal/ideas/detail.html",
        {"idea": idea, "timeline": list(idea.events.all()), "nav": "my_page"},
    )


@login_required
@require_POST
def idea_consent(request, pk):
    idea = get_idea_for_user(request.user, pk)
    form = ConsentForm(request.POST)
    form.is_valid()  # a checkbox: absent means "no", which is always a valid answer
    may_publish = form.cleaned_data.get("may_publish", False)
    try:
        services.set_consent(idea=idea, proposer=request.user, may_publish=may_publish)
    except services.IdeaError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Thank you. Your idea may be shown on the portal if it is taken up.")
            if may_publish
            else _("Your idea is not shown on the portal."),
        )
    return redirect("portal:my_idea", pk=idea.pk)
