from django.contrib import admin

from frivillig.dialog.messaging.models import Message, Thread


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    fields = ["created_at", "from_organisation", "author", "body"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["subject", "organisation", "volunteer", "last_message_at"]
    list_select_related = ["organisation", "volunteer"]
    search_fields = ["subject", "organisation__name"]
    raw_id_fields = ["organisation", "volunteer", "application", "engagement", "shift_signup"]
    readonly_fields = [
        "created_at",
        "last_message_at",
        "last_volunteer_message_at",
        "last_organisation_message_at",
        "volunteer_read_at",
        "organisation_read_at",
    ]
    inlines = [MessageInline]
