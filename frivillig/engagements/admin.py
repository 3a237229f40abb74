from django.contrib import admin

from frivillig.engagements.models import Application, Engagement


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["opportunity", "organisation", "status", "created_at"]
    list_filter = ["status"]
    raw_id_fields = ["opportunity", "organisation", "volunteer"]


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ["opportunity", "organisation", "status", "started_at"]
    list_filter = ["status"]
    raw_id_fields = ["opportunity", "organisation", "volunteer", "application"]
