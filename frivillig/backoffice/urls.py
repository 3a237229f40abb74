"""Every back-office route.

`organisation_urlpatterns` are the pages of one organisation: each takes the organisation's
slug as `slug` and, where it shows one object, that object's id as `pk` (an int), and nothing
else; each view is wrapped in access.organisation_view, so anyone who may not act for the
organisation (or lacks the capability) gets a 404 and an anonymous visitor a redirect to the
log-in. A test that walks them all can fill in the kwargs generically; which model each `pk`
belongs to is in backoffice/tests/routes.py. `account_urlpatterns` belong to the signed-in
person, not to an organisation."""

from django.urls import path

from frivillig.backoffice import (
    agreement_urls,
    announcement_urls,
    checkin_urls,
    event_urls,
    expense_office_urls,
    expense_urls,
    feedback_urls,
    idea_urls,
    message_urls,
    recognition_urls,
    views_tokens,
)
from frivillig.backoffice.views import (
    applications,
    dashboard,
    opportunities,
    read_log,
    team,
    volunteers,
)
from frivillig.callouts import backoffice_urls as callout_urls

app_name = "backoffice"

account_urlpatterns = [
    path("", dashboard.choose_organisation, name="choose"),
    # Before "<slug:slug>/..." so that the word is never read as an organisation.
    path("invitation/<str:token>/", team.accept_invitation, name="accept_invitation"),
]

organisation_urlpatterns = [
    path("<slug:slug>/", dashboard.dashboard, name="dashboard"),
    # Opportunities
    path("<slug:slug>/muligheder/", opportunities.opportunity_list, name="opportunity_list"),
    path(
        "<slug:slug>/muligheder/ny/",
        opportunities.opportunity_create,
        name="opportunity_create",
    ),
    path(
        "<slug:slug>/muligheder/<int:pk>/",
        opportunities.opportunity_detail,
        name="opportunity_detail",
    ),
    path(
        "<slug:slug>/muligheder/<int:pk>/rediger/",
        opportunities.opportunity_edit,
        name="opportunity_edit",
    ),
    path(
        "<slug:slug>/muligheder/<int:pk>/offentliggoer/",
        opportunities.opportunity_publish,
        name="opportunity_publish",
    ),
    path(
        "<slug:slug>/muligheder/<int:pk>/pause/",
        opportunities.opportunity_pause,
        name="opportunity_pause",
    ),
    path(
        "<slug:slug>/muligheder/<int:pk>/luk/",
        opportunities.opportunity_close,
        name="opportunity_close",
    ),
    # Applications
    path("<slug:slug>/ansoegninger/", applications.application_list, name="application_list"),
    path(
        "<slug:slug>/ansoegninger/<int:pk>/",
        applications.application_detail,
        name="application_detail",
    ),
    path(
        "<slug:slug>/ansoegninger/<int:pk>/accepter/",
        applications.application_accept,
        name="application_accept",
    ),
    path(
        "<slug:slug>/ansoegninger/<int:pk>/afslaa/",
        applications.application_decline,
        name="application_decline",
    ),
    path(
        "<slug:slug>/ansoegninger/<int:pk>/spoergsmaal/",
        applications.application_question,
        name="application_question",
    ),
    # Volunteers (engagements)
    path("<slug:slug>/frivillige/", volunteers.engagement_list, name="engagement_list"),
    path(
        "<slug:slug>/frivillige/<int:pk>/",
        volunteers.engagement_detail,
        name="engagement_detail",
    ),
    path(
        "<slug:slug>/frivillige/<int:pk>/afslut/",
        volunteers.engagement_end,
        name="engagement_end",
    ),
    # Team
    path("<slug:slug>/team/", team.team, name="team"),
    path("<slug:slug>/team/inviter/", team.invite, name="invite"),
    path(
        "<slug:slug>/team/invitationer/<int:pk>/tilbagekald/",
        team.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<slug:slug>/team/<int:pk>/rolle/", team.member_role, name="member_role"),
    path("<slug:slug>/team/<int:pk>/fjern/", team.member_remove, name="member_remove"),
    # Reads of personal data
    path("<slug:slug>/persondata-log/", read_log.read_log, name="read_log"),
    # API tokens (views by the API work, backoffice/views_tokens.py)
    path("<slug:slug>/api-noegler/", views_tokens.token_list, name="tokens"),
    path("<slug:slug>/api-noegler/ny/", views_tokens.token_create, name="token_create"),
    path(
        "<slug:slug>/api-noegler/<int:pk>/tilbagekald/",
        views_tokens.token_revoke,
        name="token_revoke",
    ),
]

# Events, check-in and call-outs keep their routes in their own modules.
account_urlpatterns = (
    checkin_urls.account_urlpatterns
    + event_urls.account_urlpatterns
    + expense_urls.account_urlpatterns
    + message_urls.account_urlpatterns
    + announcement_urls.account_urlpatterns
    + feedback_urls.account_urlpatterns
    + recognition_urls.account_urlpatterns
    + idea_urls.account_urlpatterns
    + account_urlpatterns
)
organisation_urlpatterns += event_urls.organisation_urlpatterns
organisation_urlpatterns += checkin_urls.organisation_urlpatterns
organisation_urlpatterns += callout_urls.organisation_urlpatterns
organisation_urlpatterns += agreement_urls.organisation_urlpatterns
organisation_urlpatterns += expense_urls.organisation_urlpatterns
organisation_urlpatterns += expense_office_urls.organisation_urlpatterns
organisation_urlpatterns += message_urls.organisation_urlpatterns
organisation_urlpatterns += announcement_urls.organisation_urlpatterns
organisation_urlpatterns += feedback_urls.organisation_urlpatterns
organisation_urlpatterns += recognition_urls.organisation_urlpatterns
organisation_urlpatterns += idea_urls.organisation_urlpatterns

urlpatterns = account_urlpatterns + organisation_urlpatterns
