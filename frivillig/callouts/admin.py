from django.contrib import admin

from frivillig.callouts.models import CallOut, CallOutPreference, CallOutResponse


@admin.register(CallOut)
class CallOutAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "starts_at", "needed", "accepted_count", "status"]
    list_filter = ["status"]
    list_select_related = ["organisation"]
    search_fields = ["title"]
    raw_id_fields = ["organisation", "created_by"]
    # The counter and the status move only through the service, which keeps them in step.
    readonly_fields = ["accepted_count", "status", "created_at", "closed_at"]


@admin.register(CallOutPreference)
class CallOutPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "opted_in", "place", "updated_at"]
    list_filter = ["opted_in"]
    raw_id_fields = ["user"]


@admin.register(CallOutResponse)
class CallOutResponseAdmin(admin.ModelAdmin):
    list_display = ["callout", "volunteer", "answer", "answered_at"]
    list_filter = ["answer"]
    raw_id_fields = ["callout", "volunteer"]
    exclude = ["token"]
