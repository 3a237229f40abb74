"""Turning ?page= into a page, with a clear answer for pages that do not exist."""

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.utils.translation import gettext as _

from frivillig.pagination import CappedPaginator


class BadPage(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def get_page(queryset, raw_page, per_page=None, paginator_class=CappedPaginator, **options):
    paginator = paginator_class(queryset, per_page or settings.CATALOG_PAGE_SIZE, **options)
    try:
        number = int(raw_page or 1)
    except (TypeError, ValueError):
        raise BadPage(_("The page number must be a whole number, e.g. 2."), 400) from None
    try:
        return paginator.page(number)
    except PageNotAnInteger:
        raise BadPage(_("The page number must be a whole number, e.g. 2."), 400) from None
    except EmptyPage:
        if number < 1:
            raise BadPage(_("The page number must be 1 or more."), 400) from None
        raise BadPage(
            _("There is no page %(n)d: the results have %(pages)d pages.")
            % {"n": number, "pages": paginator.num_pages},
            404,
        ) from None
