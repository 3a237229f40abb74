from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from frivillig.portal.feeds import NewOpportunitiesFeed
from frivillig.portal.sitemaps import SITEMAPS
from frivillig.portal.views import pages, public

app_name = "portal"

urlpatterns = [
    path("", public.home, name="home"),
    path("soeg/", public.search, name="search"),
    path("muligheder/<slug:slug>/", public.opportunity_detail, name="opportunity"),
    path("organisationer/", public.organisation_list, name="organisations"),
    path("organisationer/<slug:slug>/", public.organisation_detail, name="organisation"),
    path("omraader/<slug:slug>/", public.area_detail, name="area"),
    path("byer/<slug:slug>/", public.place_detail, name="place"),
    path("saadan-bliver-du-frivillig/", pages.how_to, name="how_to"),
    path("frivilligstrategi/", pages.strategy, name="strategy"),
    path("vaer-med/", pages.get_involved, name="get_involved"),
    path("tilgaengelighed/", pages.accessibility, name="accessibility"),
    path("privatliv/", pages.privacy, name="privacy"),
    path("feeds/nye-muligheder/", NewOpportunitiesFeed(), name="feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", pages.robots_txt, name="robots"),
    path("muligheder/<slug:slug>/meld-dig/", include("frivillig.portal.apply_urls")),
    path("min-side/", include("frivillig.portal.my_page_urls")),
    path("", include("frivillig.portal.event_urls")),
    path("", include("frivillig.portal.agreement_urls")),
    path("", include("frivillig.portal.expense_urls")),
    path("", include("frivillig.callouts.urls")),
    path("", include("frivillig.portal.statistics_urls")),
    path("", include("frivillig.portal.onboarding_urls")),
    path("", include("frivillig.portal.message_urls")),
    path("", include("frivillig.portal.announcement_urls")),
    path("", include("frivillig.portal.idea_urls")),
    path("", include("frivillig.portal.consultation_urls")),
    path("", include("frivillig.portal.feedback_urls")),
    path("", include("frivillig.portal.recognition_urls")),
    path("", include("frivillig.portal.notification_urls")),
]
