from django.contrib import admin

from frivillig.dialog.announcements.models import Announcement, AnnouncementOptOut, Delivery


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    list_display = [
        "subject",
        "organisation",
        "audience",
        "created_at",
        "sent_at",
        "recipient_count",
    ]
    list_filter = ["audience"]
    search_fields = ["subject", "organisation__name"]
    raw_id_fields = ["organisation", "author", "opportunity", "team", "event"]
    date_hierarchy = "created_at"


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["announcement", "user", "created_at", "read_at"]
    raw_id_fields = ["announcement", "user"]


@admin.register(AnnouncementOptOut)
class AnnouncementOptOutAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "created_at"]
    raw_id_fields = ["user", "organisation"]
