"""Paging through long result lists without paying for what nobody sees."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property

RESULT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts at most RESULT_CAP results, and fetches a page in two narrow steps.

    Counting 100,000 matches costs more than the rest of a search page, and nobody pages
    past page 50, so a page says "more than 1,000" instead. With `hydrate`, a page first
    selects only the ids (and annotations such as distance or rank) in the requested order,
    then loads the full rows for those ids: the database sorts narrow rows in memory instead
    of wide ones on disk.
    """

    cap = RESULT_CAP

    def __init__(self, object_list, per_page, *, hydrate=None, fetch_ids=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.hydrate = hydrate
        # fetch_ids(offset, limit) -> [(pk, {annotation: value})], for orders the database
        # cannot serve from an index by itself (see catalog.queries.nearest_ids).
        self.fetch_ids = fetch_ids or self._ids_in_order

    @cached_property
    def _capped_count(self) -> int:
        # Order does not change a count, and neither do annotations such as rank or distance:
        # without them PostgreSQL computes nothing per row and stops at cap + 1 rows.
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @cached_property
    def true_count_exceeds_cap(self) -> bool:
        return self._capped_count > self.cap

    @cached_property
    def count(self) -> int:
        return min(self._capped_count, self.cap)

    def _ids_in_order(self, offset: int, limit: int):
        annotations = list(self.object_list.query.annotations)
        rows = self.object_list.values_list("pk", *annotations)[offset : offset + limit]
        return [(pk, dict(zip(annotations, values, strict=True))) for pk, *values in rows]

    def page(self, number):
        if self.hydrate is None:
            return super().page(number)
        number = self.validate_number(number)
        rows = self.fetch_ids((number - 1) * self.per_page, self.per_page)
        objects = {obj.pk: obj for obj in self.hydrate([pk for pk, _ in rows])}
        page_items = []
        for pk, values in rows:
            obj = objects[pk]
            for name, value in values.items():
                setattr(obj, name, value)
            page_items.append(obj)
        return self._get_page(page_items, number, self)
