"""Feedback in the API: `router` is public (open data, CORS), `me_router` the signed-in
volunteer's own (session), `org_router` an organisation's (API token).

A volunteer sees the requests sent to them and answers one; the answer is stored without the
person and never comes back. An organisation reads aggregates for itself and those below it;
a group with fewer than 5 answers carries no figures (`suppressed`), exactly as in the back
office."""

from datetime import datetime

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema

from frivillig.api.auth import api_token_auth, volunteer_session
from frivillig.api.organisation import _scope, request_body, validate
from frivillig.api.public import ApiError
from frivillig.api.schemas import ErrorOut, OrganisationRef, ValidationErrorOut
from frivillig.dialog.feedback import queries, services
from frivillig.dialog.feedback.models import TEXT_LIMIT, FeedbackAnswer, FeedbackRequest

router = Router(tags=["Feedback"])
me_router = Router(tags=["Feedback (signed in)"], auth=volunteer_session)
org_router = Router(tags=["Feedback (organisation)"], auth=api_token_auth)

ERRORS = {401: ErrorOut, 403: ErrorOut}


# Schemas -----------------------------------------------------------------------------------


class FeedbackRequestOut(Schema):
    id: int
    kind: str = Field(description="'engagement' or 'event': what the survey is about.")
    about: str = Field(description="The opportunity's title or the event's name.")
    organisation: OrganisationRef
    created_at: datetime
    answered: bool

    @staticmethod
    def resolve_about(obj) -> str:
        return obj.subject_name

    @staticmethod
    def resolve_answered(obj) -> bool:
        return obj.is_answered


class AnswerIn(Schema):
    satisfaction: int = Field(ge=1, le=5, description="1 (very dissatisfied) to 5 (very).")
    would_recommend: bool
    text: str = Field("", max_length=TEXT_LIMIT, description="Optional comment.")


class GroupOut(Schema):
    label: str
    key: str = Field(description="The kind, the organisation's id or the area's slug.")
    suppressed: bool = Field(
        description="True when the group has fewer than 5 answers: no figures are given."
    )
    answers: int | None
    average_satisfaction: float | None
    would_recommend_percent: int | None

    @staticmethod
    def resolve_average_satisfaction(obj) -> float | None:
        return obj.average

    @staticmethod
    def resolve_would_recommend_percent(obj) -> int | None:
        return obj.recommend_percent


class CommentOut(Schema):
    month: str = Field(description="YYYY-MM; no finer date is kept.")
    kind: str
    text: str

    @staticmethod
    def resolve_month(obj) -> str:
        return f"{obj.month:%Y-%m}"


class ResultsOut(Schema):
    min_answers: int = Field(description="Groups with fewer answers are suppressed.")
    total: GroupOut
    by_kind: list[GroupOut]
    by_organisation: list[GroupOut]
    by_area: list[GroupOut]
    comments: list[CommentOut] | None = Field(
        description="Free texts with their month; null when there are fewer than 5 answers."
    )


# The volunteer's own -----------------------------------------------------------------------


class AnswerForm(forms.Form):
    satisfaction = forms.IntegerField(
        min_value=1,
        max_value=5,
        error_messages={"required": gettext_lazy("Choose how satisfied you are, from 1 to 5.")},
    )
    would_recommend = forms.NullBooleanField()
    text = forms.CharField(required=False, max_length=TEXT_LIMIT, strip=True)

    def clean_would_recommend(self):
        value = self.cleaned_data.get("would_recommend")
        if value is None:
            raise forms.ValidationError(_("Write true or false."))
        return value


def _request(request: HttpRequest, request_id: int) -> FeedbackRequest:
    found = (
        FeedbackRequest.objects.filter(volunteer=request.user, pk=request_id)
        .select_related("organisation", "engagement__opportunity", "event")
        .first()
    )
    if found is None:
        raise ApiError(
            404, _("You have no request for feedback with id %(id)d.") % {"id": request_id}
        )
    return found


@me_router.get(
    "/feedback-requests",
    response={200: list[FeedbackRequestOut], **ERRORS},
    summary="My requests for feedback",
)
def my_feedback_requests(request):
    """Every request sent to me, open ones first, newest first. Whether I answered is shown;
    what I answered is not kept with my name, so it is not here."""
    requests = FeedbackRequest.objects.filter(volunteer=request.user).select_related(
        "organisation", "engagement__opportunity", "event"
    )
    return sorted(requests, key=lambda r: (r.is_answered, -r.created_at.timestamp(), -r.pk))


@me_router.post(
    "/feedback-requests/{int:request_id}/answer",
    response={
        200: FeedbackRequestOut,
        400: ValidationErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        **ERRORS,
    },
    summary="Answer a request for feedback",
    openapi_extra=request_body(
        AnswerIn, example={"satisfaction": 4, "would_recommend": True, "text": ""}
    ),
)
def answer(request, request_id: int):
    """Answer once. The answer is stored anonymously; answering again gives 409."""
    feedback_request = _request(request, request_id)
    data = validate(AnswerForm, request).cleaned_data
    try:
        services.answer(
            request=feedback_request,
            volunteer=request.user,
            satisfaction=data["satisfaction"],
            would_recommend=data["would_recommend"],
            text=data["text"],
        )
    except services.FeedbackError as error:
        raise ApiError(409, str(error)) from None
    return _request(request, request_id)


# The organisation's ------------------------------------------------------------------------


@org_router.get(
    "/feedback",
    response={200: ResultsOut, **ERRORS},
    summary="Feedback results",
)
def feedback_results(request):
    """Anonymous results of the surveys after engagements and events, for the token's
    organisation and those below it: in total, per kind, per organisation and per area. A
    group with fewer than 5 answers is `suppressed` and carries no figures, and the comments
    are null below 5 answers, so nobody can be recognised."""
    answers = FeedbackAnswer.objects.filter(organisation__in=_scope(request))
    return {
        "min_answers": queries.MIN_ANSWERS,
        "total": queries.total(answers, _("All answers")),
        "by_kind": queries.by_kind(answers),
        "by_organisation": queries.by_organisation(answers),
        "by_area": queries.by_area(answers),
        "comments": queries.comments(answers),
    }
