from django.contrib import admin

from frivillig.catalog import published
from frivillig.catalog.models import Area, Opportunity, Place


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name_da", "name_en", "slug", "sort_order"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "postal_code", "setting"]
    list_filter = ["setting"]
    search_fields = ["name", "postal_code"]


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "status", "kind", "place", "published_at"]
    list_filter = ["status", "kind", "areas"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["organisation"]

    # The operator may change status, town, areas or organisation here, past the catalogue
    # services: count both organisations again once the areas are saved.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        published.recount(form.instance.organisation_id, form.initial.get("organisation"))

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        published.recount(obj.organisation_id)

    def delete_queryset(self, request, queryset):
        organisations = set(queryset.values_list("organisation", flat=True))
        super().delete_queryset(request, queryset)
        published.recount(*organisations)
