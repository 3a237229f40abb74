from django.contrib import admin

from frivillig.notifications.models import NotificationPreference, PendingNotice


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "category", "mode", "updated_at"]
    list_filter = ["category", "mode"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(PendingNotice)
class PendingNoticeAdmin(admin.ModelAdmin):
    list_display = ["subject", "user", "category", "created_at"]
    list_filter = ["category"]
    list_select_related = ["user"]
    search_fields = ["user__email", "subject"]
    raw_id_fields = ["user"]
    # A notice is what the person was told; the operator may delete it, not rewrite it.
    readonly_fields = ["user", "category", "subject", "text", "url", "created_at"]
