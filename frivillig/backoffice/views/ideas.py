"""Ideas from citizens that the central volunteer office has passed on to this organisation
(or one below it): a list, one page per idea, and the answer "we take it up" or "not for us".

The organisation sees only the proposer's first name, never the e-mail or the full name: the
central office is the proposer's contact. An idea passed on elsewhere is a 404."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frivillig.backoffice.access import organisation_view
from frivillig.backoffice.views.common import paginate, render_page
from frivillig.dialog.ideas import queries, services
from frivillig.dialog.ideas.forms import AnswerForm
from frivillig.dialog.ideas.models import IdeaEvent, IdeaStatus
from frivillig.organisations.permissions import MANAGE_OPPORTUNITIES, VIEW

SECTION = "ideas"


def _idea(request, pk):
    return get_object_or_404(queries.ideas_for_organisations(request.scope), pk=pk)


@organisation_view(VIEW)
def idea_list(request):
    page = paginate(request, queries.ideas_for_organisations(request.scope))
    return render_page(request, "backoffice/ideas/list.html", {"page": page}, section=SECTION)


def _detail(request, idea, *, form=None, status=200):
    timeline = IdeaEvent.objects.filter(idea=idea).select_related("by_organisation")
    return render_page(
        request,
        "backoffice/ideas/detail.html",
        {
            "idea": idea,
            "timeline": list(timeline),
            "can_answer": idea.status == IdeaStatus.ROUTED and request.can(MANAGE_OPPORTUNITIES),
            "form": form or AnswerForm(),
        },
        section=SECTION,
        status=status,
    )


@organisation_view(VIEW)
def idea_detail(request, pk):
    return _detail(request, _idea(request, pk))


@organisation_view(MANAGE_OPPORTUNITIES)
@require_POST
def idea_answer(request, pk):
    idea = _idea(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, idea, form=form, status=400)
    try:
        services.answer_for_organisation(
            idea=idea,
            organisation=idea.routed_organisation,
            by=request.user,
            taken_up=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
        )
    except services.IdeaError as error:
        messages.error(request, str(error))
        return redirect("backoffice:idea_detail", request.organisation.slug, idea.pk)
    if form.cleaned_data["decision"]:
        messages.success(
            request, _("Thank you for taking up the idea. The proposer has been told.")
        )
        return redirect("backoffice:idea_detail", request.organisation.slug, idea.pk)
    messages.success(
        request, _("The idea goes back to the central volunteer office, and the proposer is told.")
    )
    return redirect("backoffice:idea_list", request.organisation.slug)
