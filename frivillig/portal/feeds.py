from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from frivillig.catalog.queries import newest_opportunities


class NewOpportunitiesFeed(Feed):
    feed_type = Atom1Feed
    title = _("New volunteer opportunities")
    subtitle = _("The newest ways to volunteer, from every area and every town.")
    link = "/soeg/?sort=newest"

    def items(self):
        return newest_opportunities(limit=50)

    def item_title(self, item):
        return item.display_title

    def item_description(self, item):
        return item.display_description

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.organisation.name

    def item_guid(self, item):
        return settings.SITE_URL + item.get_absolute_url()
