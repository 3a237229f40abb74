from django.contrib import admin

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
