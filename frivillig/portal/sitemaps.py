from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from frivillig.catalog.models import Area, Opportunity, Place
from frivillig.organisations.models import Organisation


class StaticSitemap(Sitemap):
    def items(self):
        return [
            "portal:home",
            "portal:search",
            "portal:organisations",
            "portal:how_to",
            "portal:strategy",
            "portal:accessibility",
            "portal:privacy",
        ]

    def location(self, item):
        return reverse(item)


class OpportunitySitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return Opportunity.objects.visible().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class OrganisationSitemap(Sitemap):
    def items(self):
        return Organisation.objects.approved().only("slug").order_by("pk")


class AreaSitemap(Sitemap):
    def items(self):
        return Area.objects.all()


class PlaceSitemap(Sitemap):
    def items(self):
        return Place.objects.all()


SITEMAPS = {
    "pages": StaticSitemap,
    "opportunities": OpportunitySitemap,
    "organisations": OrganisationSitemap,
    "areas": AreaSitemap,
    "towns": PlaceSitemap,
}
